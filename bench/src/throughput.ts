import { performance } from "node:perf_hooks";
import {
  CHANNELS,
  COMPARISON,
  CONNECTIONS,
  compareAlternating,
  type Round,
  startActionScenario,
  VIEWERS,
} from "./action-scenario.ts";
import { type Start, startBareExpress, withProcesses } from "./processes.ts";
import { ms, verdict } from "./stats.ts";

const { warmupMs: WARMUP_MS, measureMs: MEASURE_MS, rounds: ROUNDS } = COMPARISON;
/** The EBS against the bare route, in requests per second and in CPU per request (issue 12). */
const RATIO_GOAL = 0.9;

const leastCpu = (rounds: readonly Round[]) =>
  Math.min(...rounds.map((r) => r.cpuUsPerRequest ?? Number.NaN));

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
    rounds,
    errors,
  } = await compareAlternating(
    { name: "bare Express", load: (ms) => run(bare, ms) },
    { name: "EBS action endpoint", load: (ms) => run(ebs, ms) },
  );
  const ratio = e.rps / b.rps;
  // CPU per request: the bare route's over the EBS's (above 1: the EBS spends less), each side's least.
  const cpuRatio =
    e.cpuUsPerRequest === undefined || b.cpuUsPerRequest === undefined
      ? undefined
      : leastCpu(rounds[0]) / leastCpu(rounds[1]);
  const met = ratio >= RATIO_GOAL && (cpuRatio === undefined || cpuRatio >= RATIO_GOAL);
  console.log(
    `best rounds: EBS ${e.rps.toFixed(0)} req/s vs bare ${b.rps.toFixed(0)} req/s: ratio ${ratio.toFixed(2)}; ` +
      `p99 ${ms(e.p99)} vs ${ms(b.p99)}`,
  );
  console.log(
    cpuRatio === undefined
      ? "CPU per request: not measured (no /proc)"
      : `CPU per request, least of each: EBS ${leastCpu(rounds[1]).toFixed(0)} µs vs bare ${leastCpu(rounds[0]).toFixed(0)} µs: ratio ${cpuRatio.toFixed(2)}`,
  );
  console.log(`goal: both ratios >= ${RATIO_GOAL}: ${verdict(met)}`);
  console.log(`run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = met && errors === 0 ? 0 : 1;
}

await withProcesses(main);
