import { performance } from "node:perf_hooks";
import { countActorsInChatText } from "@ext/shared";
import { type Start, startEbs, startRig, withProcesses } from "./processes.ts";
import { createRigChannels } from "./rig-channels.ts";
import { listenToRig, maxCallsPerWindow } from "./rig-events.ts";
import { postJson, sleep, verdict } from "./stats.ts";
import { viewerToken } from "./tokens.ts";

const CHANNELS = 20;
const ACTIONS_PER_CHANNEL = 30;
const SPREAD_MS = 30_000;
const FAILURE_RATE = 0.3;
const KINDS = ["500", "503", "timeout", "reset"];
/** Bound on the whole run: whatever is not final by then counts as lost. */
const RUN_LIMIT_MS = 150_000;

interface Action {
  channelId: string;
  token: string;
  id?: string;
  status?: string;
  error?: string;
}

async function main(start: Start) {
  const started = performance.now();
  const rig = await start(startRig());
  const ebs = await start(startEbs(rig.url, { TWITCH_TIMEOUT_MS: "1000" }));
  const channels = await createRigChannels(rig.url, {
    count: CHANNELS,
    firstId: 79_000_001,
    prefix: "Faulty",
  });
  const faults = await postJson(
    `${rig.url}/rig/api/faults`,
    { chatFailureRate: FAILURE_RATE, kinds: KINDS },
    {},
    "PATCH",
  );
  if (faults.status !== 200) throw new Error(`PATCH /rig/api/faults answered ${faults.status}`);
  const events = await listenToRig(rig.url);
  console.log(
    `faults bench: the rig fails ${FAILURE_RATE * 100}% of chat calls (${KINDS.join(", ")}); EBS timeout 1 s; ` +
      `${CHANNELS * ACTIONS_PER_CHANNEL} actions, ${ACTIONS_PER_CHANNEL} in each of ${CHANNELS} channels over ${SPREAD_MS / 1000} s`,
  );

  const actions: Action[] = channels.flatMap((channelId, c) =>
    Array.from({ length: ACTIONS_PER_CHANNEL }, (_, j) => ({
      channelId,
      token: viewerToken({ channelId, n: 20_000 + c * ACTIONS_PER_CHANNEL + j }),
    })),
  );
  const deadline = performance.now() + RUN_LIMIT_MS;
  const follow = async (action: Action) => {
    while (performance.now() < deadline) {
      const res = await fetch(`${ebs.url}/api/actions/${action.id}`, {
        headers: { Authorization: `Bearer ${action.token}` },
      }).catch(() => undefined);
      if (!res) {
        await sleep(500);
        continue;
      }
      const body = (await res.json()) as { status?: string; error?: { code: string } };
      if (body.status && body.status !== "queued") {
        action.status = body.status;
        action.error = body.error?.code;
        return;
      }
    }
    action.status = "queued";
  };
  await Promise.all(
    actions.map(async (action, i) => {
      await sleep(
        (i % ACTIONS_PER_CHANNEL) * (SPREAD_MS / ACTIONS_PER_CHANNEL) +
          Math.floor(i / ACTIONS_PER_CHANNEL) * 37,
      );
      const res = await postJson(
        `${ebs.url}/api/actions`,
        { action: "hype" },
        { Authorization: `Bearer ${action.token}` },
      );
      if (res.status !== 202) {
        action.status = `refused ${res.status}`;
        return;
      }
      action.id = (res.body as { actionId: string }).actionId;
      await follow(action);
    }),
  );
  await sleep(500);
  events.close();

  const accepted = actions.filter((a) => a.id !== undefined);
  const sent = accepted.filter((a) => a.status === "sent").length;
  const failed = accepted.filter((a) => a.status === "failed");
  const stillQueued = accepted.filter((a) => a.status === "queued").length;
  const counted = channels.reduce(
    (sum, id) =>
      sum +
      events.messages
        .filter((m) => m.channelId === id)
        .reduce((s, m) => s + (countActorsInChatText(m.text) ?? 0), 0),
    0,
  );
  const lost = accepted.length - Math.min(counted, accepted.length);
  const injected = events.calls.filter((c) => c.fault !== undefined).length;
  const maxPerMinute = Math.max(0, ...maxCallsPerWindow(events.calls).values());
  const rateLimited = events.calls.filter((c) => c.status === 429).length;

  console.log("");
  console.log(`actions accepted (202): ${accepted.length} of ${actions.length}`);
  console.log(
    `Helix chat calls: ${events.calls.length}, of which failed on purpose by the rig: ${injected} (${((100 * injected) / Math.max(1, events.calls.length)).toFixed(0)}%); 429s: ${rateLimited}; max per channel per minute: ${maxPerMinute}`,
  );
  console.log(
    `final statuses: sent ${sent}, failed ${failed.length}${failed.length ? ` (${[...new Set(failed.map((f) => f.error))].join(", ")})` : ""}, still queued ${stillQueued}`,
  );
  console.log(`actions counted in the rig's chat: ${counted}`);
  console.log(`actions lost: ${lost} (goal 0: ${verdict(lost === 0)})`);
  console.log(`run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = lost === 0 && accepted.length === actions.length ? 0 : 1;
}

await withProcesses(main);
