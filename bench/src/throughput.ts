import { performance } from "node:perf_hooks";
import {
  CHANNELS,
  COMPARISON,
  CONNECTIONS,
  compareAlternating,
  startActionScenario,
  VIEWERS,
} from "./action-scenario.ts";
import { type Start, startBareExpress, withProcesses } from "./processes.ts";
import { ms, verdict } from "./stats.ts";

const { warmupMs: WARMUP_MS, measureMs: MEASURE_MS, rounds: ROUNDS } = COMPARISON;

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
  const {
    best: [b, e],
    errors,
  } = await compareAlternating(
    { name: "bare Express", load: (ms) => run(bare, ms) },
    { name: "EBS action endpoint", load: (ms) => run(ebs, ms) },
  );
  const ratio = e.rps / b.rps;
  console.log(
    `best rounds: EBS ${e.rps.toFixed(0)} req/s vs bare ${b.rps.toFixed(0)} req/s: ratio ${ratio.toFixed(2)} (goal >= 0.8: ${verdict(ratio >= 0.8)}); ` +
      `p99 ${ms(e.p99)} vs ${ms(b.p99)}`,
  );
  console.log(`run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = ratio >= 0.8 && errors === 0 ? 0 : 1;
}

await withProcesses(main);
