import { performance } from "node:perf_hooks";
import { type LoadResult, load } from "./load.ts";
import { type Running, startBareExpress, startEbs, startRig } from "./processes.ts";
import { ms, postJson, verdict } from "./stats.ts";
import { viewerToken } from "./tokens.ts";

const CONNECTIONS = 32;
const WARMUP_MS = 3_000;
const MEASURE_MS = 8_000;
const ROUNDS = 3;
const VIEWERS = 5_000;
const CHANNELS = 50;

const describe = (r: LoadResult) =>
  `${r.rps.toFixed(0)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (${r.requests} requests, ${r.errors} errors)`;

async function main() {
  const started = performance.now();
  const running: Running[] = [];
  try {
    const rig = await startRig();
    running.push(rig);
    const channels = Array.from({ length: CHANNELS }, (_, i) => String(78_000_001 + i));
    for (const [i, id] of channels.entries()) {
      await postJson(`${rig.url}/rig/api/channels`, {
        id,
        login: `load_${i + 1}`,
        displayName: `Load${i + 1}`,
      });
    }
    const ebs = await startEbs(rig.url, { VIEWER_COOLDOWN_SECONDS: "0" });
    running.push(ebs);
    const bare = await startBareExpress();
    running.push(bare);
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
    const run = (url: string, durationMs: number) =>
      load({
        url: `${url}/api/actions`,
        connections: CONNECTIONS,
        durationMs,
        body,
        headers: (i): Record<string, string> => ({ Authorization: `Bearer ${tokens[i % VIEWERS]}` }),
        expectStatus: 202,
      });
    await run(bare.url, WARMUP_MS);
    await run(ebs.url, WARMUP_MS);
    const results: { bare: LoadResult[]; ebs: LoadResult[] } = { bare: [], ebs: [] };
    for (let round = 0; round < ROUNDS; round++) {
      results.bare.push(await run(bare.url, MEASURE_MS));
      results.ebs.push(await run(ebs.url, MEASURE_MS));
    }
    const best = (list: LoadResult[]) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
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
  } finally {
    for (const r of running.reverse()) await r.stop();
  }
}

await main();
