import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  broadcasterToken,
  finalStatus,
  liveDashboard,
  liveState,
  post,
  rigApi,
  rigBroadcasts,
  sleep,
  viewerToken,
} from "./support/process-api.ts";
import { type Child, RIG_DEV, startEbs, startRig } from "./support/processes.ts";

/**
 * The live state end to end, each app its own process: the EBS (`src/main.ts`, its SQLite file in a temp
 * folder) against the rig, which judges the PubSub calls like Twitch and relays them to frames over SSE.
 */
describe("the live state against the rig", () => {
  const dir = mkdtempSync(join(tmpdir(), "ebs-live-"));
  const env = { SQLITE_PATH: join(dir, "ebs.sqlite"), VIEWER_COOLDOWN_SECONDS: "0" };
  let rig: Child | undefined;
  let ebs: Child | undefined;
  let api: ReturnType<typeof rigApi>;
  const named = Object.keys(RIG_DEV.namedViewers)[0] as string;

  beforeAll(async () => {
    rig = await startRig();
    api = rigApi(rig.url);
    ebs = await startEbs(rig.url, env);
  }, 60_000);

  afterAll(async () => {
    await ebs?.stop();
    await rig?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  async function until<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (ok(value) || Date.now() > deadline) return value;
      await sleep(50);
    }
  }

  it("counts the viewers a chat message named, answers GET /api/live, and broadcasts the state through the rig's PubSub", async () => {
    const via = ebs as Child;
    const channelId = await api.newChannel();
    const broadcasts = rigBroadcasts((rig as Child).url);
    await sleep(200);
    const tokens = [viewerToken(channelId, 1, named), viewerToken(channelId, 2), viewerToken(channelId, 3)];
    const posted = [];
    for (const token of tokens) posted.push(await post(via, channelId, token));
    const finals = await Promise.all(posted.map((p) => finalStatus(via, p, Date.now() + 20_000)));
    expect(finals).toEqual(["sent", "sent", "sent"]);

    const state = await until(
      () => liveState(via, tokens[1] as string),
      (s) => s.allTimeCount === 3,
    );
    expect(state).toMatchObject({ channelId, streamCount: 3, allTimeCount: 3 });
    expect(state.recent).toHaveLength(3);
    expect(state.recent.map((h) => h.displayName)).toContain(RIG_DEV.namedViewers[named]);
    expect(state.recent.filter((h) => h.displayName === null)).toHaveLength(2);

    // Every panel of the channel hears it within about two seconds of the message reaching chat.
    const heard = await until(
      () => broadcasts.states().filter((s) => s.channelId === channelId),
      (states) => states.at(-1)?.allTimeCount === 3,
      3000,
    );
    broadcasts.close();
    expect(heard.at(-1)).toEqual(state);
    const calls = await api.pubsubCalls();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.status !== 204)).toEqual([]);
  }, 60_000);

  it("shows the broadcaster the dashboard and refuses it to a viewer", async () => {
    const via = ebs as Child;
    const channelId = await api.newChannel();
    const token = viewerToken(channelId, 9);
    const p = await post(via, channelId, token);
    expect(await finalStatus(via, p, Date.now() + 20_000)).toBe("sent");
    const { status, dashboard } = await until(
      () => liveDashboard(via, broadcasterToken(channelId)),
      (d) => d.dashboard?.state.allTimeCount === 1,
    );
    expect(status).toBe(200);
    expect(dashboard?.chat.state).toBe("working");
    expect(dashboard?.chat.lastSentAt).toEqual(expect.any(String));
    expect(dashboard?.lastRefusal).toBeNull();
    const refused = await liveDashboard(via, token);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { code: "role_not_allowed" } });
  }, 60_000);

  it("keeps every count across a restart with the same SQLite file", async () => {
    const channelId = await api.newChannel();
    const token = viewerToken(channelId, 4);
    const p = await post(ebs as Child, channelId, token);
    expect(await finalStatus(ebs as Child, p, Date.now() + 20_000)).toBe("sent");
    const before = await until(
      () => liveState(ebs as Child, token),
      (s) => s.allTimeCount === 1,
    );
    await ebs?.stop();
    expect(await ebs?.exited).toBe(0);
    ebs = await startEbs((rig as Child).url, env);
    const after = await liveState(ebs, token);
    expect(after).toEqual(before);
  }, 60_000);
});
