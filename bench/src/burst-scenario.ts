import { performance } from "node:perf_hooks";
import { countActorsInChatText, type LiveState, livePubSubMessageSchema, TWITCH } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { createRigChannels } from "./rig-channels.ts";
import { listenToRig, maxCallsPerWindow, type PubSubSeen } from "./rig-events.ts";
import { ms, percentile, sleep, verdict } from "./stats.ts";
import { NAMED_VIEWERS, viewerToken } from "./tokens.ts";

const BUSY_CHANNEL = DEV_CONFIG.channels[0]?.broadcasterId as string;
const BURST_ACTIONS = 1000;
const BURST_SECONDS = 10;
const QUIET_CHANNELS = 100;
const QUIET_ACTIONS_EACH = 6;
const QUIET_EVERY_MS = 10_000;
/** After chat has every action, how long the panels' broadcasts may take to follow (bounded). */
const BROADCAST_SETTLE_MS = 10_000;
/** The whole run is bounded: sends stop after this, figures are printed with what arrived. */
const RUN_LIMIT_MS = 95_000;

/** The state a panel of `channelId` shows: the broadcast with the highest version (panels keep the newest). */
function panelState(seen: readonly PubSubSeen[], channelId: string): LiveState | undefined {
  let newest: LiveState | undefined;
  for (const m of seen) {
    if (m.channelId !== channelId || m.target !== "broadcast") continue;
    const parsed = livePubSubMessageSchema.safeParse(JSON.parse(m.message));
    if (parsed.success && (!newest || parsed.data.state.version > newest.version)) newest = parsed.data.state;
  }
  return newest;
}

interface Click {
  channelId: string;
  at: number;
  status?: number;
}

/**
 * The burst scenario against a running rig and one or more EBS instances (clicks go to them in turn):
 * prints its figures and answers whether every goal was met.
 */
export async function runBurstScenario(input: {
  rigUrl: string;
  ebsUrls: readonly string[];
  /** The EBS's VIEWER_COOLDOWN_SECONDS, for the header (every viewer clicks once: it never answers). */
  cooldownSeconds: number;
}): Promise<boolean> {
  const started = performance.now();
  const { rigUrl, ebsUrls } = input;
  const quiet = await createRigChannels(rigUrl, {
    count: QUIET_CHANNELS,
    firstId: 77_000_001,
    prefix: "Quiet",
  });
  const events = await listenToRig(rigUrl);
  console.log(
    `burst bench: rig ${rigUrl}, EBS ${ebsUrls.join(" and ")}; chat window 60 s real time (Twitch's), cooldown ${input.cooldownSeconds} s`,
  );
  console.log(
    `  ${BURST_ACTIONS} actions in ${BURST_SECONDS} s in channel ${BUSY_CHANNEL} (distinct viewers, ${NAMED_VIEWERS.length} of them named), ` +
      `${QUIET_ACTIONS_EACH} actions ${QUIET_EVERY_MS / 1000} s apart in each of ${QUIET_CHANNELS} quiet channels`,
  );

  const clicks: Click[] = [];
  let next = 0;
  const click = async (channelId: string, token: string, delayMs: number) => {
    await sleep(delayMs);
    const entry: Click = { channelId, at: performance.now() };
    clicks.push(entry);
    const ebsUrl = ebsUrls[next++ % ebsUrls.length];
    const res = await fetch(`${ebsUrl}/api/actions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: '{"action":"hype"}',
    }).catch(() => undefined);
    entry.status = res?.status ?? 0;
    await res?.arrayBuffer();
  };

  const burstTokens = Array.from({ length: BURST_ACTIONS }, (_, n) =>
    viewerToken({ channelId: BUSY_CHANNEL, n, userId: NAMED_VIEWERS[n] }),
  );
  const quietTokens = quiet.flatMap((channelId, c) =>
    Array.from({ length: QUIET_ACTIONS_EACH }, (_, j) => ({
      channelId,
      token: viewerToken({ channelId, n: 10_000 + c * QUIET_ACTIONS_EACH + j }),
      delay: (c * QUIET_EVERY_MS) / QUIET_CHANNELS + j * QUIET_EVERY_MS,
    })),
  );
  const t0 = performance.now();
  const all = [
    ...burstTokens.map((token, i) => click(BUSY_CHANNEL, token, (i * BURST_SECONDS * 1000) / BURST_ACTIONS)),
    ...quietTokens.map((q) => click(q.channelId, q.token, q.delay)),
  ];
  await Promise.all(all);
  const accepted = (channelId: string) =>
    clicks.filter((c) => c.channelId === channelId && c.status === 202).length;
  const counted = (channelId: string) =>
    events.messages
      .filter((m) => m.channelId === channelId)
      .reduce((sum, m) => sum + (countActorsInChatText(m.text) ?? 0), 0);
  const channels = [BUSY_CHANNEL, ...quiet];
  const allAccounted = () => channels.every((id) => counted(id) >= accepted(id));
  while (!allAccounted() && performance.now() - t0 < RUN_LIMIT_MS) await sleep(250);
  // What a panel shows is the newest state PubSub brought it: give the last broadcasts (one a second per
  // channel at most) time to follow the last chat message.
  const panelsCaughtUp = () =>
    channels.every((id) => (panelState(events.pubsub, id)?.allTimeCount ?? 0) >= accepted(id));
  const broadcastDeadline = performance.now() + BROADCAST_SETTLE_MS;
  while (!panelsCaughtUp() && performance.now() < broadcastDeadline) await sleep(250);
  await sleep(500);
  events.close();

  const acceptedTotal = channels.reduce((s, id) => s + accepted(id), 0);
  const countedTotal = channels.reduce((s, id) => s + Math.min(counted(id), accepted(id)), 0);
  const refusedClicks = clicks.filter((c) => c.status !== 202);
  const rateLimited = events.calls.filter((c) => c.status === 429).length;
  const perMinute = maxCallsPerWindow(events.calls);
  const maxPerMinute = Math.max(0, ...perMinute.values());
  const busyCalls = events.calls.filter((c) => c.channelId === BUSY_CHANNEL).length;

  const latencies: number[] = [];
  for (const channelId of quiet) {
    const mine = clicks
      .filter((c) => c.channelId === channelId && c.status === 202)
      .sort((a, b) => a.at - b.at);
    let counted = 0;
    for (const m of events.messages.filter((x) => x.channelId === channelId)) {
      const n = countActorsInChatText(m.text) ?? 0;
      for (let k = 0; k < n && counted < mine.length; k++, counted++) {
        latencies.push(m.at - (mine[counted] as Click).at);
      }
    }
  }
  const broadcasts = events.pubsub.filter((m) => m.target === "broadcast");
  const pubsubPerMinute = Math.max(0, ...maxCallsPerWindow(broadcasts).values());
  const pubsub429 = events.pubsubRefusals.filter((status) => status === 429).length;
  const pubsubRefused = events.pubsubRefusals.length;
  const panelsRight = channels.filter(
    (id) => panelState(events.pubsub, id)?.allTimeCount === accepted(id),
  ).length;
  const p50 = percentile(latencies, 50);
  const p95 = percentile(latencies, 95);
  const busyTexts = events.messages.filter((m) => m.channelId === BUSY_CHANNEL).map((m) => m.text);

  console.log("");
  console.log(
    `actions accepted (202): ${acceptedTotal} of ${clicks.length} clicks; refused: ${refusedClicks.length}`,
  );
  console.log(`429s received from the rig: ${rateLimited} (goal 0: ${verdict(rateLimited === 0)})`);
  console.log(
    `max Helix chat calls per channel per rolling minute: ${maxPerMinute} (goal <= 12: ${verdict(maxPerMinute <= 12)}); busy channel: ${busyCalls} calls, ${busyTexts.length} messages`,
  );
  const share = acceptedTotal === 0 ? 0 : (100 * countedTotal) / acceptedTotal;
  console.log(
    `actions accounted for in chat text: ${countedTotal} / ${acceptedTotal} = ${share.toFixed(1)}% (goal 100%: ${verdict(countedTotal === acceptedTotal)})`,
  );
  console.log(
    `Extension PubSub broadcasts: ${broadcasts.length}, max per channel per rolling minute ${pubsubPerMinute} (goal <= ${TWITCH.pubsubMessagesPerMinute}: ${verdict(pubsubPerMinute <= TWITCH.pubsubMessagesPerMinute)}); refused ${pubsubRefused}, of them 429 ${pubsub429} (goal 0: ${verdict(pubsubRefused === 0)})`,
  );
  console.log(
    `panels whose last broadcast count equals the channel's accepted actions: ${panelsRight} / ${channels.length} = ${((100 * panelsRight) / channels.length).toFixed(1)}% (goal 100%: ${verdict(panelsRight === channels.length)})`,
  );
  console.log(
    `click-to-chat latency in the quiet channels (${latencies.length} actions): p50 ${ms(p50)}, p95 ${ms(p95)} (goal p95 <= 1 s: ${verdict(p95 <= 1000)})`,
  );
  console.log(`busy channel's messages, first and last: "${busyTexts[0]}" … "${busyTexts.at(-1)}"`);
  console.log(`run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const pubsubOk =
    pubsubPerMinute <= TWITCH.pubsubMessagesPerMinute &&
    pubsubRefused === 0 &&
    panelsRight === channels.length;
  const ok =
    rateLimited === 0 && maxPerMinute <= 12 && countedTotal === acceptedTotal && p95 <= 1000 && pubsubOk;
  return ok && refusedClicks.length === 0;
}
