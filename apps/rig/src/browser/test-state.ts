import type { RigStateView, UserView } from "./protocol.ts";

/** For the browser code's tests: a rig with one channel, the extension installed, activated and in test. */
export function testRigState(input: {
  channelId: string;
  chatGranted?: boolean;
  users?: UserView[];
}): RigStateView {
  return {
    extension: {
      clientId: "rigclient",
      name: "Hype",
      ownerUserId: "1",
      version: "0.0.1",
      chatCapability: true,
    },
    channels: [
      {
        broadcasterId: input.channelId,
        login: "streamer",
        displayName: "Streamer",
        installedVersion: "0.0.1",
        activated: true,
        versionState: "testing",
        chatGranted: input.chatGranted ?? true,
        requiredConfigurationMet: true,
      },
    ],
    users: input.users ?? [],
  };
}
