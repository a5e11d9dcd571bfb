import { performance } from "node:perf_hooks";
import { type LoadResult, load } from "./load.ts";
import { processCpuMs } from "./process-cpu.ts";
import {
  type Running,
  type Start,
  startBareExpress,
  startEbs,
  startRig,
  withProcesses,
} from "./processes.ts";
import { createRigChannels } from "./rig-channels.ts";
import { ms, verdict } from "./stats.ts";
import { viewerToken } from "./tokens.ts";

const CONNECTIONS = 32;
const WARMUP_MS = 3_000;
const MEASURE_MS = 8_000;
const ROUNDS = 3;
const VIEWERS = 5_000;
const CHANNELS = 50;

/** A round's figures, and the server's CPU time per request when /proc tells it. */
type Round = LoadResult & { cpuUsPerRequest: number | undefined };

const describe = (r: Round) =>
  `${r.rps.toFixed(0)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (${r.requests} requests, ${r.errors} errors)` +
  (r.cpuUsPerRequest === undefined ? "" : `, server CPU ${r.cpuUsPerRequest.toFixed(0)} µs/request`);

async function main(start: Start) {
  const started = performance.now();
  const rig = await start(startRig());
  const channels = await createRigChannels(rig.url, {
    count: CHANNELS,
    firstId: 78_000_001,
    prefix: "Load",
  });
  const ebs = await start(startEbs(rig.url, { VIEWER_COOLDOWN_SECONDS: "0" }));
  const bare = await start(startBareExpress());
  const tokens = Array.from({ length: VIEWERS }, (_, n) =>
    viewerToken({ channelId: channels[n % CHANNELS] as string, n }),
  );
  console.log(
    `throughput bench: POST /api/actions, ${CONNECTIONS} keep-alive connections, ${VIEWERS} viewers in ${CHANNELS} channels, ` +
      `${WARMUP_MS / 1000} s warm-up then ${ROUNDS} x ${MEASURE_MS / 1000} s per server, alternating`,
  );
  console.log(
    "  EBS: token verification + body check + enqueue, VIEWER_COOLDOWN_SECONDS=0 (so every request is enqueued, none answered by the cooldown), LOG_LEVEL=warn",
  );
  console.log(
    "  bare: Express 5, express.json() and a 202 JSON answer, nothing else; both get the same requests (Authorization header included)",
  );
  const body = '{"action":"hype"}';
  // Both servers get the same requests, Authorization header included: only what they do differs.
  const run = async (server: Running, durationMs: number): Promise<Round> => {
    const cpuBefore = processCpuMs(server.pid);
    const result = await load({
      url: `${server.url}/api/actions`,
      connections: CONNECTIONS,
      durationMs,
      body,
      headers: (i): Record<string, string> => ({ Authorization: `Bearer ${tokens[i % VIEWERS]}` }),
      expectStatus: 202,
    });
    const cpuAfter = processCpuMs(server.pid);
    const cpuUsPerRequest =
      cpuBefore === undefined || cpuAfter === undefined || result.requests === 0
        ? undefined
        : ((cpuAfter - cpuBefore) * 1000) / result.requests;
    return { ...result, cpuUsPerRequest };
  };
  await run(bare, WARMUP_MS);
  await run(ebs, WARMUP_MS);
  const results: { bare: Round[]; ebs: Round[] } = { bare: [], ebs: [] };
  for (let round = 0; round < ROUNDS; round++) {
    results.bare.push(await run(bare, MEASURE_MS));
    results.ebs.push(await run(ebs, MEASURE_MS));
  }
  const best = (list: Round[]) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
  const b = best(results.bare);
  const e = best(results.ebs);
  console.log("");
  for (const [i, r] of results.bare.entries()) console.log(`bare Express, round ${i + 1}: ${describe(r)}`);
  for (const [i, r] of results.ebs.entries())
    console.log(`EBS action endpoint, round ${i + 1}: ${describe(r)}`);
  const ratio = e.rps / b.rps;
  console.log(
    `best rounds: EBS ${e.rps.toFixed(0)} req/s vs bare ${b.rps.toFixed(0)} req/s: ratio ${ratio.toFixed(2)} (goal >= 0.8: ${verdict(ratio >= 0.8)}); ` +
      `p99 ${ms(e.p99)} vs ${ms(b.p99)}`,
  );
  console.log(`run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = ratio >= 0.8 && e.errors === 0 ? 0 : 1;
}

await withProcesses(main);
