import { type ActionKind, LIVE_RECENT_MAX, type LiveHyper } from "@ext/shared";
import type { Client, InStatement } from "@libsql/client";
import { emptyLiveRecord, type LiveRecord, type LiveStore, parseRefusal } from "../live-store.ts";

const ENSURE = "INSERT INTO live_channels (channel_id) VALUES (?) ON CONFLICT DO NOTHING";

/** The live state in the SQLite file (migration 1); each change is one write transaction. */
export function createSqliteLiveStore(client: Client): LiveStore {
  return {
    async read(channelId) {
      const [channel, recent] = await client.batch(
        [
          {
            sql: `SELECT c.version, c.all_time, c.stream_started_at, c.live, c.last_sent_at, c.last_refusal,
                    COALESCE(s.count, 0) AS stream_count
                  FROM live_channels c
                  LEFT JOIN live_stream_counts s
                    ON s.channel_id = c.channel_id AND s.started_at = c.stream_started_at
                  WHERE c.channel_id = ?`,
            args: [channelId],
          },
          {
            sql: "SELECT display_name, kind, at FROM live_recent WHERE channel_id = ? ORDER BY seq DESC LIMIT ?",
            args: [channelId, LIVE_RECENT_MAX],
          },
        ],
        "read",
      );
      const row = channel?.rows[0];
      if (!row) return emptyLiveRecord(channelId);
      const startedAt = String(row.stream_started_at);
      const record: LiveRecord = {
        state: {
          channelId,
          version: Number(row.version),
          stream: { live: Number(row.live) === 1, startedAt: startedAt === "" ? null : startedAt },
          streamCount: Number(row.stream_count),
          allTimeCount: Number(row.all_time),
          recent: (recent?.rows ?? []).map(
            (r): LiveHyper => ({
              displayName: r.display_name === null ? null : String(r.display_name),
              kind: String(r.kind) as ActionKind,
              at: String(r.at),
            }),
          ),
        },
        lastSentAt: row.last_sent_at === null ? null : String(row.last_sent_at),
        lastRefusal: parseRefusal(row.last_refusal),
      };
      return record;
    },

    async countSent(channelId, { hypers, at }) {
      const n = hypers.length;
      if (n === 0) return;
      const latest = hypers.slice(-LIVE_RECENT_MAX);
      const statements: InStatement[] = [
        { sql: ENSURE, args: [channelId] },
        {
          sql: `INSERT INTO live_stream_counts (channel_id, started_at, count)
                SELECT channel_id, stream_started_at, ? FROM live_channels WHERE channel_id = ?
                ON CONFLICT (channel_id, started_at) DO UPDATE SET count = count + excluded.count`,
          args: [n, channelId],
        },
        {
          sql: "UPDATE live_channels SET all_time = all_time + ?, version = version + 1, last_sent_at = ? WHERE channel_id = ?",
          args: [n, at, channelId],
        },
        ...latest.map((h) => ({
          sql: "INSERT INTO live_recent (channel_id, display_name, kind, at) VALUES (?, ?, ?, ?)",
          args: [channelId, h.displayName, h.kind, h.at],
        })),
        {
          sql: `DELETE FROM live_recent WHERE channel_id = ? AND seq NOT IN
                (SELECT seq FROM live_recent WHERE channel_id = ? ORDER BY seq DESC LIMIT ?)`,
          args: [channelId, channelId, LIVE_RECENT_MAX],
        },
      ];
      await client.batch(statements, "write");
    },

    async setStream(channelId, stream) {
      const live = stream.live ? 1 : 0;
      const startedAt = stream.live ? stream.startedAt : "";
      // A newer started_at is a new stream; an older one is a stale read (another instance's cache): ignored.
      const [, update] = await client.batch(
        [
          { sql: ENSURE, args: [channelId] },
          {
            sql: `UPDATE live_channels SET
                    stream_started_at = CASE WHEN ?1 = 1 AND ?2 > stream_started_at THEN ?2 ELSE stream_started_at END,
                    live = ?1,
                    version = version + 1
                  WHERE channel_id = ?3 AND ((?1 = 1 AND ?2 > stream_started_at) OR live <> ?1)`,
            args: [live, startedAt, channelId],
          },
        ],
        "write",
      );
      return (update?.rowsAffected ?? 0) > 0;
    },

    async recordRefusal(channelId, refusal) {
      await client.batch(
        [
          { sql: ENSURE, args: [channelId] },
          {
            sql: "UPDATE live_channels SET last_refusal = ? WHERE channel_id = ?",
            args: [JSON.stringify(refusal), channelId],
          },
        ],
        "write",
      );
    },
  };
}
