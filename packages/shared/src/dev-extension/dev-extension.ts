import type { ChannelExtensionState } from "../diagnosis/channel-state.ts";

/** A Twitch account of the development extension (broadcasters, viewers, the extension's owner). */
export interface DevUser {
  id: string;
  login: string;
  displayName: string;
  /** What the account is in the rig's story: which token a viewer frame of this kind gets by default. */
  kind: "owner" | "broadcaster" | "viewer" | "moderator";
}

/** A channel of the development extension: how the extension stands there, and whose channel it is. */
export interface DevChannel extends ChannelExtensionState {
  login: string;
  displayName: string;
}

/**
 * The shape of the committed development extension: everything the rig, the EBS's tests and the bench need,
 * with no Twitch account.
 */
export interface DevConfig {
  extension: {
    name: string;
    /** 30 lowercase letters and digits, like a console client id. */
    clientId: string;
    ownerUserId: string;
    /** Base64, 32 bytes, like Settings → Secret Keys. */
    secretBase64: string;
    /** The OAuth client secret (for app access tokens), a different thing from the extension secret. */
    clientSecret: string;
    version: string;
    chatCapability: boolean;
    /**
     * The required configuration string the version declares (console → Version → Capabilities): a channel
     * meets it once the EBS sets this exact string for it. Absent: none is declared.
     */
    requiredConfiguration?: string;
  };
  channels: DevChannel[];
  users: DevUser[];
}

/**
 * DEVELOPMENT ONLY. These values are public (committed to git) and identify no real Twitch extension;
 * never use them, or anything signed with them, outside a developer's machine.
 */
export const DEV_CONFIG: DevConfig = {
  extension: {
    name: "Hype Button",
    clientId: "nfwhjr87mfmdwsb5zjwl4v90qt0vwn",
    ownerUserId: "90000001",
    secretBase64: "O53eXY6NJvReOlBRhmqYcpZKBBTQ0biNkdHVviNh+o4=",
    clientSecret: "6cowi72apflo4bxcso0ae9l29j8wrg",
    version: "0.0.1",
    chatCapability: true,
    requiredConfiguration: "hype-settings-1",
  },
  channels: [
    {
      broadcasterId: "41000001",
      login: "hypecaster",
      displayName: "HypeCaster",
      installedVersion: "0.0.1",
      activated: true,
      versionState: "released",
      chatGranted: true,
      requiredConfigurationMet: true,
    },
    {
      broadcasterId: "41000002",
      login: "quietstream",
      displayName: "QuietStream",
      installedVersion: "0.0.1",
      activated: false,
      versionState: "hosted_test",
      chatGranted: false,
      requiredConfigurationMet: true,
    },
    {
      broadcasterId: "41000003",
      login: "newchannel",
      displayName: "NewChannel",
      installedVersion: undefined,
      activated: false,
      versionState: "released",
      chatGranted: false,
      requiredConfigurationMet: false,
    },
  ],
  users: [
    { id: "90000001", login: "hype_dev", displayName: "Hype_Dev", kind: "owner" },
    { id: "41000001", login: "hypecaster", displayName: "HypeCaster", kind: "broadcaster" },
    { id: "41000002", login: "quietstream", displayName: "QuietStream", kind: "broadcaster" },
    { id: "41000003", login: "newchannel", displayName: "NewChannel", kind: "broadcaster" },
    { id: "51000001", login: "ana_plays", displayName: "Ana", kind: "viewer" },
    { id: "51000002", login: "bo_watches", displayName: "Bo", kind: "viewer" },
    { id: "51000003", login: "chidi_chats", displayName: "Chidi", kind: "viewer" },
    { id: "51000004", login: "mod_marta", displayName: "Marta", kind: "moderator" },
  ],
};
