import { TWITCH } from "@ext/shared";
import { refuse } from "@ext/shared/server";
import type { Router } from "express";
import type { RigState } from "../state/rig-state.ts";
import type { ChannelView, LiveStream } from "../state/types.ts";
import { queryList } from "./body.ts";
import { judgeOAuthBearer } from "./oauth-bearer.ts";
import { sendRefusal } from "./refusal.ts";
import { noteCallDetails } from "./request-details.ts";

/** Twitch's category id for the rig's default game ("Software and Game Development"). */
const DEFAULT_GAME = { id: "1469308723", name: "Software and Game Development" };

/** One entry of Get Streams' `data`, in Twitch's wire shape. */
function streamEntry(channel: ChannelView, stream: LiveStream, game: string) {
  return {
    id: stream.id,
    user_id: channel.broadcasterId,
    user_login: channel.login,
    user_name: channel.displayName,
    game_id: game === DEFAULT_GAME.name ? DEFAULT_GAME.id : "",
    game_name: game,
    type: "live",
    title: stream.title,
    tags: [],
    viewer_count: 0,
    started_at: stream.startedAt,
    language: "en",
    thumbnail_url: `https://static-cdn.jtvnw.net/previews-ttv/live_user_${channel.login}-{width}x{height}.jpg`,
    tag_ids: [],
    is_mature: false,
  };
}

function invalidQuery(message: string, diagnosis: string) {
  return refuse(400, "streams_query_invalid", message, diagnosis);
}

/**
 * `GET /helix/streams`: Get Streams with an app access token, following each channel's live/offline switch
 * (`PATCH /rig/api/channels/:id` `{ live }`): a live channel's stream with its `started_at`, nothing for an
 * offline one. Filters by `user_id` and `user_login` (up to 100 in all); without them, every live channel.
 */
export function mountStreams(router: Router, state: RigState): void {
  router.get(TWITCH.streamsPath, (req, res) => {
    const bearer = judgeOAuthBearer(req, state, "Get Streams");
    if (!bearer.ok) return sendRefusal(res, bearer);
    const ids = queryList(req.query.user_id);
    const logins = queryList(req.query.user_login).map((l) => l.toLowerCase());
    if (ids.length + logins.length > 100) {
      return sendRefusal(
        res,
        invalidQuery(
          "The parameters must not exceed 100 in total",
          `Get Streams takes at most 100 user_id and user_login parameters in all, not ${ids.length + logins.length}: ask in pages of 100.`,
        ),
      );
    }
    const notId = ids.find((id) => !/^\d+$/.test(id));
    if (notId !== undefined) {
      return sendRefusal(
        res,
        invalidQuery(
          'Invalid parameter "user_id"',
          `user_id ${JSON.stringify(notId)} is not a user id (digits): send the broadcaster's id, or use user_login for a login name.`,
        ),
      );
    }
    const type = req.query.type;
    if (type !== undefined && type !== "all" && type !== "live") {
      return sendRefusal(
        res,
        invalidQuery(
          'Invalid parameter "type"',
          'type is "all" or "live" (every stream Twitch lists is live).',
        ),
      );
    }
    const first = req.query.first === undefined ? 20 : Number(req.query.first);
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      return sendRefusal(
        res,
        invalidQuery('Invalid parameter "first"', "first is a whole number from 1 to 100 (default 20)."),
      );
    }
    const filtered = ids.length + logins.length > 0;
    const data = state
      .view()
      .channels.filter((c) => !filtered || ids.includes(c.broadcasterId) || logins.includes(c.login))
      .flatMap((channel) => {
        if (!channel.stream) return [];
        // The channel's category is what onContext's `game` tells its viewers.
        const game = state.channelContext(channel.broadcasterId)?.context.game ?? DEFAULT_GAME.name;
        return [streamEntry(channel, channel.stream, game)];
      })
      .slice(0, first);
    noteCallDetails(res, {
      streams: { asked: ids.length + logins.length, live: data.map((s) => s.user_id) },
    });
    res.json({ data, pagination: {} });
  });
}
