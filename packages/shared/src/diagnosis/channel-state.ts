/** How an extension stands on one channel, as the rig models it (and Twitch enforces it). */
export interface ChannelExtensionState {
  broadcasterId: string;
  /** The version installed on the channel; undefined when the extension is not installed. */
  installedVersion: string | undefined;
  /** Installed and activated in a slot (panel, overlay, component). */
  activated: boolean;
  /** The installed version's review state: a version still in test can be refused chat (reported). */
  versionState: "testing" | "hosted_test" | "released";
  /** The broadcaster granted the chat permission (Creator Dashboard → Extensions → Permissions). */
  chatGranted: boolean;
  /** The extension's required configuration is met on this channel (or none is declared). */
  requiredConfigurationMet: boolean;
}

/** What the extension declares about itself in the console. */
export interface ExtensionCapabilities {
  /** "Chat Capabilities" is on (Capabilities tab). */
  chatCapability: boolean;
}
