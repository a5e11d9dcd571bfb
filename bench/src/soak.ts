import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { CHANNELS, CONNECTIONS, type Round, startActionScenario, VIEWERS } from "./action-scenario.ts";
import { processRssMb } from "./process-memory.ts";
import { type Start, withProcesses } from "./processes.ts";
import { ms, verdict } from "./stats.ts";

// The throughput bench's load, without pause, for --minutes (10 by default): does a long busy day cost the
// EBS memory, or throughput? Every 30 s: req/s and the EBS's RSS; at the end the RSS plateau and the ratio.
const INTERVAL_MS = 30_000;
const SAMPLE_EVERY_MS = 1_000;
const RSS_GOAL_MB = 200;
const RATIO_GOAL = 0.97;

const { values } = parseArgs({ options: { minutes: { type: "string", default: "10" } } });
const minutes = Number(values.minutes);
if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) {
  console.error(`--minutes must be a number of minutes above 0 (and at most a day), not "${values.minutes}"`);
  process.exit(2);
}
const intervals = Math.max(1, Math.round((minutes * 60_000) / INTERVAL_MS));

interface Interval {
  round: Round;
  /** RSS at the end of the interval, and its largest sample during it (MB). */
  rssEnd: number | undefined;
  rssMax: number | undefined;
}

const mb = (v: number | undefined) => (v === undefined ? "n/a" : `${v.toFixed(0)} MB`);
const clock = (t: number) =>
  `${Math.floor(t / 60_000)}:${String(Math.floor((t % 60_000) / 1000)).padStart(2, "0")}`;

/** Requests per second and CPU µs per request over some intervals. */
function over(list: Interval[]) {
  const requests = list.reduce((s, i) => s + i.round.requests, 0);
  const seconds = list.reduce((s, i) => s + (i.round.rps > 0 ? i.round.requests / i.round.rps : 0), 0);
  const cpu = list.every((i) => i.round.cpuUsPerRequest !== undefined)
    ? list.reduce((s, i) => s + (i.round.cpuUsPerRequest as number) * i.round.requests, 0) / requests
    : undefined;
  return { rps: seconds > 0 ? requests / seconds : 0, cpu };
}

async function main(start: Start) {
  const started = performance.now();
  const { ebs, run } = await startActionScenario(start);
  console.log(
    `soak bench: POST /api/actions for ${intervals * (INTERVAL_MS / 1000)} s, ${CONNECTIONS} keep-alive connections, ` +
      `${VIEWERS} viewers in ${CHANNELS} channels, VIEWER_COOLDOWN_SECONDS=0, LOG_LEVEL=warn (the throughput bench's scenario); ` +
      `the EBS's RSS (VmRSS of pid ${ebs.pid}) sampled every ${SAMPLE_EVERY_MS / 1000} s`,
  );
  console.log(`  EBS RSS at start: ${mb(processRssMb(ebs.pid))}`);
  const samples: { at: number; rss: number }[] = [];
  const t0 = performance.now();
  let sampledSince = 0;
  const sampler = setInterval(() => {
    const rss = processRssMb(ebs.pid);
    if (rss !== undefined) samples.push({ at: performance.now() - t0, rss });
  }, SAMPLE_EVERY_MS);
  const done: Interval[] = [];
  try {
    for (let i = 0; i < intervals; i++) {
      const round = await run(ebs, INTERVAL_MS);
      const rssEnd = processRssMb(ebs.pid);
      const mine = samples.slice(sampledSince).map((s) => s.rss);
      sampledSince = samples.length;
      const rssMax = Math.max(...mine, rssEnd ?? 0) || undefined;
      done.push({ round, rssEnd, rssMax });
      console.log(
        `  ${clock(performance.now() - t0)}  ${round.rps.toFixed(0)} req/s, p99 ${ms(round.p99)}, ${round.errors} errors` +
          (round.cpuUsPerRequest === undefined
            ? ""
            : `, CPU ${round.cpuUsPerRequest.toFixed(0)} µs/request`) +
          `; EBS RSS ${mb(rssEnd)} (max ${mb(rssMax)})`,
      );
    }
  } finally {
    clearInterval(sampler);
  }

  const runMs = performance.now() - t0;
  const lastHalf = samples.filter((s) => s.at >= runMs / 2).map((s) => s.rss);
  const plateau = lastHalf.length > 0 ? Math.max(...lastHalf) : undefined;
  const perMinute = Math.max(1, Math.round(60_000 / INTERVAL_MS));
  const first = over(done.slice(0, perMinute));
  const last = over(done.slice(-perMinute));
  const ratio = last.rps / first.rps;
  const errors = done.reduce((s, i) => s + i.round.errors, 0);
  const requests = done.reduce((s, i) => s + i.round.requests, 0);
  console.log("");
  console.log(`requests: ${requests}, errors: ${errors}`);
  console.log(
    `EBS RSS plateau (max over the last half): ${mb(plateau)} (goal <= ${RSS_GOAL_MB} MB: ${verdict(plateau !== undefined && plateau <= RSS_GOAL_MB)}); ` +
      `max over the run ${mb(Math.max(...samples.map((s) => s.rss)))}`,
  );
  console.log(
    `throughput, last minute vs first: ${last.rps.toFixed(0)} vs ${first.rps.toFixed(0)} req/s, ratio ${ratio.toFixed(3)} ` +
      `(goal >= ${RATIO_GOAL}: ${verdict(ratio >= RATIO_GOAL)})` +
      (first.cpu === undefined || last.cpu === undefined
        ? ""
        : `; EBS CPU ${last.cpu.toFixed(0)} vs ${first.cpu.toFixed(0)} µs/request (less sensitive than req/s to what else loads the machine)`),
  );
  console.log(`run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode =
    plateau !== undefined && plateau <= RSS_GOAL_MB && ratio >= RATIO_GOAL && errors === 0 ? 0 : 1;
}

await withProcesses(main);
