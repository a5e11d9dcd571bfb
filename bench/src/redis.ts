import { performance } from "node:perf_hooks";
import { startRedis } from "@ext/test-kit/redis-server";
import {
  CHANNELS,
  COMPARISON,
  CONNECTIONS,
  compareAlternating,
  startActionScenario,
  VIEWERS,
} from "./action-scenario.ts";
import { runBurstScenario } from "./burst-scenario.ts";
import { type Start, startEbs, withProcesses } from "./processes.ts";
import { verdict } from "./stats.ts";

const { warmupMs: WARMUP_MS, measureMs: MEASURE_MS, rounds: ROUNDS } = COMPARISON;

/**
 * `pnpm bench:redis`: the Redis mode as a deployment runs it, two EBS instances behind one real
 * redis-server. First the burst scenario with its clicks spread over both (Twitch's limits held
 * together, every action counted), then the action endpoint's throughput of the pair against one in-memory
 * EBS, in alternating rounds of the same run.
 */
async function main(start: Start, redisUrl: string) {
  const started = performance.now();
  const { rig, ebs: memory, run, runSpread } = await startActionScenario(start);
  const env = { REDIS_URL: redisUrl, VIEWER_COOLDOWN_SECONDS: "0" };
  const pair = [await start(startEbs(rig.url, env)), await start(startEbs(rig.url, env))];

  console.log("redis bench, part 1: the burst scenario across two EBS instances sharing one redis-server");
  const burstOk = await runBurstScenario({
    rigUrl: rig.url,
    ebsUrls: pair.map((p) => p.url),
    cooldownSeconds: 0,
  });

  console.log("");
  console.log(
    `redis bench, part 2: POST /api/actions, ${CONNECTIONS} keep-alive connections in all, ${VIEWERS} viewers in ${CHANNELS} channels, ` +
      `${WARMUP_MS / 1000} s warm-up then ${ROUNDS} x ${MEASURE_MS / 1000} s each, alternating: two Redis-mode instances (the connections split between them) vs one in-memory instance`,
  );
  const {
    best: [m, p],
    errors,
  } = await compareAlternating(
    { name: "one in-memory EBS", load: (ms) => run(memory, ms) },
    { name: "two Redis-mode EBS", load: (ms) => runSpread(pair, ms) },
  );
  console.log(
    `best rounds: two Redis-mode instances ${p.rps.toFixed(0)} req/s vs one in-memory ${m.rps.toFixed(0)} req/s: ratio ${(p.rps / m.rps).toFixed(2)}` +
      (p.cpuUsPerRequest !== undefined && m.cpuUsPerRequest !== undefined
        ? `; EBS CPU per request ${p.cpuUsPerRequest.toFixed(0)} µs (both instances) vs ${m.cpuUsPerRequest.toFixed(0)} µs`
        : ""),
  );
  console.log(`errors: ${errors} (goal 0: ${verdict(errors === 0)}); burst goals: ${verdict(burstOk)}`);
  console.log(`run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = burstOk && errors === 0 ? 0 : 1;
}

// Redis outlives the EBS instances: they hand back and close their connections when they stop.
const redis = await startRedis();
try {
  await withProcesses((start) => main(start, redis.url));
} finally {
  await redis.stop();
}
