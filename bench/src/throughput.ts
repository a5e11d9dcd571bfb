import { performance } from "node:perf_hooks";
import {
  CHANNELS,
  CONNECTIONS,
  describeRound,
  type Round,
  startActionScenario,
  VIEWERS,
} from "./action-scenario.ts";
import { type Start, startBareExpress, withProcesses } from "./processes.ts";
import { ms, verdict } from "./stats.ts";

const WARMUP_MS = 3_000;
const MEASURE_MS = 8_000;
const ROUNDS = 3;

async function main(start: Start) {
  const started = performance.now();
  const { ebs, run } = await startActionScenario(start);
  const bare = await start(startBareExpress());
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
  for (const [i, r] of results.bare.entries())
    console.log(`bare Express, round ${i + 1}: ${describeRound(r)}`);
  for (const [i, r] of results.ebs.entries())
    console.log(`EBS action endpoint, round ${i + 1}: ${describeRound(r)}`);
  const ratio = e.rps / b.rps;
  console.log(
    `best rounds: EBS ${e.rps.toFixed(0)} req/s vs bare ${b.rps.toFixed(0)} req/s: ratio ${ratio.toFixed(2)} (goal >= 0.8: ${verdict(ratio >= 0.8)}); ` +
      `p99 ${ms(e.p99)} vs ${ms(b.p99)}`,
  );
  console.log(`run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = ratio >= 0.8 && e.errors === 0 ? 0 : 1;
}

await withProcesses(main);
