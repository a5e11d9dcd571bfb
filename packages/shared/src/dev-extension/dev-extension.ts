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
 * One view a version declares: its page, a path relative to the version's Testing Base URI (or to the root of
 * the uploaded zip), as the console's Asset Hosting tab takes it. Helix's Get Extensions reports it as
 * `views.<view>.viewer_url`.
 */
export interface DeclaredView {
  viewerPath: string;
}

/** The video component's box: Helix's `views.component` (`aspect_width`, `aspect_height`, `target_height`...). */
export interface DeclaredComponentView extends DeclaredView {
  /** The box's aspect ratio, width to height. */
  aspectWidth: number;
  aspectHeight: number;
  /** The box's height in percent of the video player's height (Helix: `target_height`, in hundredths of a percent). */
  targetHeightPercent: number;
  /** Helix `autoscale` / `scale_pixels`: the page is laid out this many pixels wide and scaled to fit the box. */
  scalePixels?: number;
}

/**
 * The views a version declares (console → Version → Asset Hosting). A view that is absent is one the version
 * does not have: Twitch does not offer that slot to broadcasters (no overlay, no component), shows nothing on
 * phones (no mobile path), and has no settings page or live dashboard widget for it.
 */
export interface DeclaredViews {
  /** Panel Viewer Path and Panel Height (100 to 500 px; Twitch's guidelines keep content within 496). */
  panel?: DeclaredView & { height: number };
  /** Video - Fullscreen Viewer Path: a transparent page over the whole video player. */
  videoOverlay?: DeclaredView;
  /** Video - Component Viewer Path and the component's box. */
  component?: DeclaredComponentView;
  /** Mobile Path: the page phones show (`platform=mobile`). */
  mobile?: DeclaredView;
  /** Config Path: the broadcaster's settings page (`mode=config`). */
  config?: DeclaredView;
  /** Live Config Path: the broadcaster's live dashboard widget (`mode=dashboard`). */
  liveConfig?: DeclaredView;
}

/** The limits the console puts on a panel's declared height, in CSS pixels. */
export const PANEL_HEIGHT_LIMITS = { min: 100, max: 500 } as const;

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
    /** The version's views, their pages and sizes (console → Version → Asset Hosting). */
    views: DeclaredViews;
    /**
     * Capabilities → "Request Identity Link": when off, `Twitch.ext.actions.requestIdShare()` does nothing.
     */
    requestIdentityLink: boolean;
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
    views: {
      panel: { viewerPath: "index.html", height: 400 },
      mobile: { viewerPath: "mobile.html" },
      config: { viewerPath: "config.html" },
      liveConfig: { viewerPath: "live_config.html" },
    },
    requestIdentityLink: true,
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
