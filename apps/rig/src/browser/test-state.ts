import { defaultChannelContext } from "../state/channel-context.ts";
import type { ChannelContext, DeclaredViews, RigStateView, UserView } from "./protocol.ts";

/** For the browser code's tests: a rig with one channel, the extension installed, activated and in test. */
export function testRigState(input: {
  channelId: string;
  chatGranted?: boolean;
  activated?: boolean;
  users?: UserView[];
  views?: DeclaredViews;
  requestIdentityLink?: boolean;
  bitsEligible?: boolean;
}): RigStateView {
  return {
    extension: {
      clientId: "rigclient",
      name: "Hype",
      ownerUserId: "1",
      version: "0.0.1",
      chatCapability: true,
      views: input.views ?? {
        panel: { viewerPath: "index.html", height: 400 },
        mobile: { viewerPath: "mobile.html" },
        config: { viewerPath: "config.html" },
      },
      requestIdentityLink: input.requestIdentityLink ?? true,
    },
    channels: [
      {
        stream: null,
        broadcasterId: input.channelId,
        login: "streamer",
        displayName: "Streamer",
        installedVersion: "0.0.1",
        activated: input.activated ?? true,
        versionState: "testing",
        chatGranted: input.chatGranted ?? true,
        requiredConfigurationMet: true,
        bitsEligible: input.bitsEligible ?? true,
      },
    ],
    users: input.users ?? [],
  };
}

/** For the browser code's tests: a channel's viewer context as the rig starts it. */
export function testContext(channelId: string): ChannelContext {
  return defaultChannelContext(channelId);
}
