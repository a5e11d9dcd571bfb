import { z } from "zod";
import { TWITCH } from "../twitch/constants.ts";
import { assertTwitchId } from "../twitch/ids.ts";
import type { HelixCall } from "./helix-call.ts";

/** The JSON body of Send Extension PubSub Message, as Twitch documents it: ids as strings. */
export interface PubSubBody {
  target: string[];
  broadcaster_id: string;
  is_global_broadcast: false;
  message: string;
}

/**
 * Send Extension PubSub Message to one channel's panels (`target: ["broadcast"]` by default): an external JWT
 * whose `channel_id` is the broadcaster and whose `pubsub_perms` is an object `{ send: [...targets] }`, the
 * path without a trailing slash (Twitch answers 403 to one). The caller keeps `message` within 5 KB
 * (`livePubSubMessage` refuses more). 204 when sent.
 */
export function sendExtensionPubSubMessage(input: {
  broadcasterId: string;
  message: string;
  targets?: readonly string[];
}): HelixCall<unknown> {
  const broadcasterId = assertTwitchId(input.broadcasterId, "broadcasterId");
  const target = [...(input.targets ?? ["broadcast"])];
  const body: PubSubBody = {
    target,
    broadcaster_id: broadcasterId,
    is_global_broadcast: false,
    message: input.message,
  };
  return {
    endpoint: "Send Extension PubSub Message",
    method: "POST",
    host: "api",
    path: TWITCH.pubsubPath,
    body: { json: body },
    auth: { kind: "external", channelId: broadcasterId, pubsubSend: target },
    response: z.unknown(),
  };
}

const streamsSchema = z.object({
  data: z.array(
    z.object({
      user_id: z.string().optional(),
      type: z.string().optional(),
      /** When the stream went live (ISO 8601, UTC). */
      started_at: z.string().min(1),
    }),
  ),
});
export type GetStreamsAnswer = z.infer<typeof streamsSchema>;

/** Get Streams for one channel (app access token): `data[0].started_at` while live, empty data offline. */
export function getStreams(input: { userId: string }): HelixCall<GetStreamsAnswer> {
  return {
    endpoint: "Get Streams",
    method: "GET",
    host: "api",
    path: TWITCH.streamsPath,
    query: { user_id: assertTwitchId(input.userId, "userId (the broadcaster id)") },
    auth: { kind: "app" },
    response: streamsSchema,
  };
}

/** The channel's stream as Get Streams answered: live since `startedAt`, or offline. */
export function streamOf(answer: GetStreamsAnswer): { live: true; startedAt: string } | { live: false } {
  const first = answer.data[0];
  return first ? { live: true, startedAt: first.started_at } : { live: false };
}
