import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { countActorsInChatText } from "@ext/shared";
import { startRedis } from "@ext/test-kit/redis-server";
import { type HelixProxy, startHelixProxy } from "./helix-proxy.ts";
import { type Running, type Start, startEbs, startRig, withProcesses } from "./processes.ts";
import { createRigChannels } from "./rig-channels.ts";
import { listenToRig } from "./rig-events.ts";
import { sleep, verdict } from "./stats.ts";
import { viewerToken } from "./tokens.ts";

// `pnpm bench:failover`: how often does killing a Redis-mode EBS instance mid-burst post a message twice?
// Twitch's chat API takes no idempotency key: a message Twitch took is posted again when its sender dies
// before it wrote "sent" to Redis, and the instance that takes the channel over sends the batch again.
const { values } = parseArgs({ options: { kills: { type: "string", default: "4" } } });
const KILLS = Number(values.kills);
if (!Number.isInteger(KILLS) || KILLS < 1 || KILLS > 25) {
  console.error(`--kills must be a whole number from 1 to 25 (kills of each way), not "${values.kills}"`);
  process.exit(2);
}
const CHANNELS = 8;
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
/** How long the survivor gets clicks (round-robin over the channels) while the victim sends. */
const BURST_MS = 3_000;
const CLICK_EVERY_MS = 50;
/** The victim is killed no sooner than this into the burst: by then it sends in every channel. */
const ARM_AFTER_MS = 500;
/** Everything accepted must be final (sent or failed) this long after the kill. */
const SETTLE_MS = 45_000;

const WAYS = [
  "at a random moment of the burst",
  "as the rig posts a message in one of the round's channels (seen on the rig's event stream)",
  "after the rig took a message, before its answer reached the EBS (a proxy holds the 204)",
] as const;
type Way = (typeof WAYS)[number];

interface Accepted {
  id: string;
  token: string;
  channelId: string;
}

interface Kill {
  way: Way;
  accepted: number;
  inChat: number;
  /** The share of the burst before the kill during which the victim had a chat call in flight. */
  exposure: number;
  /** Actions counted in chat more often than they were accepted. */
  twice: number;
  lost: number;
  notSent: number;
}

async function post(via: Running, channelId: string, n: number): Promise<Accepted> {
  const token = viewerToken({ channelId, n });
  const res = await fetch(`${via.url}/api/actions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: '{"action":"hype"}',
  });
  const body = (await res.json()) as { actionId?: string };
  if (res.status !== 202 || !body.actionId)
    throw new Error(`POST answered ${res.status}: ${JSON.stringify(body)}`);
  return { id: body.actionId, token, channelId };
}

/** The action's status on `from`, long-polled until it is no longer queued or `deadline` passed. */
async function finalStatus(from: Running, action: Accepted, deadline: number): Promise<string> {
  for (;;) {
    const res = await fetch(`${from.url}/api/actions/${action.id}?wait=5`, {
      headers: { Authorization: `Bearer ${action.token}` },
    });
    if (res.status !== 200) throw new Error(`GET status answered ${res.status}: ${await res.text()}`);
    const { status } = (await res.json()) as { status: string };
    if (status !== "queued" || Date.now() > deadline) return status;
  }
}

/**
 * The share of [from, to] during which at least one chat call was in flight through the proxy: an upper
 * bound of the time a kill could land between Twitch taking a message and its sender marking it sent, as
 * timed by this process (busy with the clicks and the proxy, it answers late and stretches the flights).
 */
function inFlightShare(calls: readonly { start: number; end: number }[], from: number, to: number): number {
  const spans = calls
    .map((c) => [Math.max(c.start, from), Math.min(c.end, to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let reach = from;
  for (const [a, b] of spans) {
    if (b <= reach) continue;
    covered += b - Math.max(a, reach);
    reach = b;
  }
  return to > from ? covered / (to - from) : 0;
}

async function actorsInChat(rigUrl: string, channelId: string): Promise<number> {
  const res = await fetch(`${rigUrl}/rig/api/channels/${channelId}/chat`);
  const { messages } = (await res.json()) as { messages: { text: string }[] };
  let total = 0;
  for (const m of messages) {
    const n = countActorsInChatText(m.text);
    if (n === undefined) throw new Error(`a chat message the bench cannot count: "${m.text}"`);
    total += n;
  }
  return total;
}

async function main(start: Start, redisUrl: string) {
  const started = performance.now();
  const rig = await start(startRig());
  // Each instance's Twitch calls go through a proxy of its own to the rig: the victim's proxy times its
  // calls and can hold the rig's answer to one (the third way).
  const proxies = [await startHelixProxy(rig.url), await startHelixProxy(rig.url)];
  const envOf = (slot: number) => ({
    REDIS_URL: redisUrl,
    VIEWER_COOLDOWN_SECONDS: "0",
    TWITCH_API_BASE: (proxies[slot] as HelixProxy).url,
  });
  const pair: Running[] = [
    await start(startEbs(rig.url, envOf(0))),
    await start(startEbs(rig.url, envOf(1))),
  ];
  const events = await listenToRig(rig.url);
  let onChat: ((channelId: string) => void) | undefined;
  events.onMessage((m) => onChat?.(m.channelId));
  console.log(
    `failover bench: two Redis-mode EBS instances, one redis-server, the rig; ${KILLS} kills each way (${WAYS.join("; ")})`,
  );
  console.log(
    `  each kill: ${CHANNELS} fresh channels; the victim accepts their first actions (so it takes their leases and sends; ` +
      "a channel whose queue it emptied goes to whichever instance accepts its next action), " +
      `the survivor accepts one more every ${CLICK_EVERY_MS} ms for ${BURST_MS / 1000} s; SIGKILL no sooner than ${ARM_AFTER_MS} ms in (the held 204: at the first one); ` +
      "then every accepted action's final status, and the actions counted in each channel's chat on the rig",
  );
  const kills: Kill[] = [];
  let n = 0;
  for (let k = 0; k < WAYS.length * KILLS; k++) {
    const way = WAYS[k % WAYS.length] as Way;
    const victimAt = Math.floor(k / WAYS.length) % 2;
    const proxy = proxies[victimAt] as HelixProxy;
    const victim = pair[victimAt] as Running;
    const survivor = pair[1 - victimAt] as Running;
    const channels = await createRigChannels(rig.url, {
      count: CHANNELS,
      firstId: 79_000_001 + k * 100,
      prefix: `Failover${k + 1}x`,
    });
    const mine = new Set(channels);
    const accepted: Accepted[] = await Promise.all(channels.map((c) => post(victim, c, n++)));
    const burstStarted = performance.now();
    let killedAt: number | undefined;
    const kill = () => {
      if (killedAt !== undefined) return;
      killedAt = performance.now() - burstStarted;
      victim.child.kill("SIGKILL");
    };
    // The held 204 is armed at once: the victim's own sends are mostly its first messages, since a channel
    // whose queue it emptied goes to whichever instance accepts its next action.
    const armAt =
      way === WAYS[2] ? 0 : ARM_AFTER_MS + (way === WAYS[0] ? Math.random() * (BURST_MS - ARM_AFTER_MS) : 0);
    const armed = sleep(armAt).then(() => {
      if (way === WAYS[0]) kill();
      else if (way === WAYS[1]) onChat = (channelId) => mine.has(channelId) && kill();
      else
        proxy.onChatTaken = () => {
          if (killedAt !== undefined) return false;
          kill();
          return true;
        };
    });
    const clicks: Promise<Accepted>[] = [];
    for (let i = 0; performance.now() - burstStarted < BURST_MS; i++) {
      clicks.push(post(survivor, channels[i % CHANNELS] as string, n++));
      await sleep(CLICK_EVERY_MS);
    }
    await armed;
    if (killedAt === undefined) kill();
    onChat = undefined;
    proxy.onChatTaken = undefined;
    accepted.push(...(await Promise.all(clicks)));
    await victim.exited;
    const restarted = start(startEbs(rig.url, envOf(victimAt)));
    const deadline = Date.now() + SETTLE_MS;
    const statuses = await Promise.all(accepted.map((a) => finalStatus(survivor, a, deadline)));
    pair[victimAt] = await restarted;
    let twice = 0;
    let lost = 0;
    let inChat = 0;
    for (const channelId of channels) {
      const count = accepted.filter((a) => a.channelId === channelId).length;
      const seen = await actorsInChat(rig.url, channelId);
      inChat += seen;
      twice += Math.max(0, seen - count);
      lost += Math.max(0, count - seen);
    }
    const exposure = inFlightShare(proxy.chatCalls, burstStarted, burstStarted + (killedAt ?? 0));
    const cutShort = proxy.chatCallsCutShort;
    for (const p of proxies) {
      p.chatCalls.length = 0;
      p.chatCallsCutShort = 0;
    }
    const others = statuses.filter((s) => s !== "sent");
    // "queued" here means still queued SETTLE_MS after the kill: late, not necessarily lost.
    const unsent = others.length > 0 ? ` (${[...new Set(others)].join(", ")})` : "";
    const result: Kill = {
      way,
      exposure,
      accepted: accepted.length,
      inChat,
      twice,
      lost,
      notSent: statuses.filter((s) => s !== "sent").length,
    };
    kills.push(result);
    console.log(
      `kill ${k + 1}, ${way}, ${(killedAt ?? 0).toFixed(0)} ms into the burst: ${result.accepted} actions accepted, ` +
        `${result.inChat} counted in chat: ${twice} posted twice, ${lost} lost, ${result.notSent} not "sent"${unsent}; ` +
        `the victim had a chat call in flight ${pct(exposure)} of the burst before the kill, ${cutShort} cut short in its proxy`,
    );
  }
  events.close();
  for (const p of proxies) await p.close();
  console.log("");
  for (const way of WAYS) {
    const these = kills.filter((k) => k.way === way);
    const twice = these.filter((k) => k.twice > 0).length;
    const actions = these.reduce((s, k) => s + k.twice, 0);
    const all = these.reduce((s, k) => s + k.accepted, 0);
    console.log(
      `posted twice: ${twice} of ${these.length} kills ${way} (${actions} of ${all} actions counted twice)`,
    );
  }
  const exposure = kills.reduce((s, k) => s + k.exposure, 0) / kills.length;
  console.log(
    `the victim had a chat call in flight through the proxy ${pct(exposure)} of its bursts before the kill, on average, as this process timed them`,
  );
  const lost = kills.reduce((s, k) => s + k.lost, 0);
  const notSent = kills.reduce((s, k) => s + k.notSent, 0);
  console.log(
    `lost: ${lost} actions, not "sent": ${notSent} (goal 0 each: ${verdict(lost === 0 && notSent === 0)})`,
  );
  console.log(`run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = lost === 0 && notSent === 0 ? 0 : 1;
}

// Redis outlives the EBS instances: they hand back and close their connections when they stop.
const redis = await startRedis();
try {
  await withProcesses((start) => main(start, redis.url));
} finally {
  await redis.stop();
}
