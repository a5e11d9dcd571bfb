import { type LoadResult, load } from "./load.ts";
import { processCpuMs } from "./process-cpu.ts";
import { type Running, type Start, startEbs, startRig } from "./processes.ts";
import { createRigChannels } from "./rig-channels.ts";
import { ms } from "./stats.ts";
import { viewerToken } from "./tokens.ts";

/** Keep-alive connections the load generator keeps busy. */
export const CONNECTIONS = 32;
/** Distinct viewers (tokens), spread over {@link CHANNELS} channels. */
export const VIEWERS = 5_000;
export const CHANNELS = 50;

/** A load round's figures, and the server's CPU time per request when /proc tells it. */
export type Round = LoadResult & { cpuUsPerRequest: number | undefined };

export const describeRound = (r: Round) =>
  `${r.rps.toFixed(0)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (${r.requests} requests, ${r.errors} errors)` +
  (r.cpuUsPerRequest === undefined ? "" : `, server CPU ${r.cpuUsPerRequest.toFixed(0)} µs/request`);

/** The throughput scenario's processes and load: what `bench:throughput` and `bench:soak` both run. */
export interface ActionScenario {
  rig: Running;
  /** The EBS, VIEWER_COOLDOWN_SECONDS=0 (every request is enqueued), LOG_LEVEL=warn. */
  ebs: Running;
  /** `POST /api/actions` on `server` for `durationMs`, {@link CONNECTIONS} connections, the viewers in turn. */
  run(server: Running, durationMs: number): Promise<Round>;
  /**
   * The same load spread over several servers at once (the connections split evenly): their requests and
   * CPU added up, the worst p99.
   */
  runSpread(servers: readonly Running[], durationMs: number): Promise<Round>;
}

/**
 * Starts the rig with {@link CHANNELS} channels and the EBS with no viewer cooldown, and signs a token for
 * each of {@link VIEWERS} viewers. `run` sends the same requests (Authorization header included) to whichever
 * server it is given, so the EBS and a bare server can be compared.
 */
export async function startActionScenario(
  start: Start,
  options: { ebsNodeArgs?: readonly string[] } = {},
): Promise<ActionScenario> {
  const rig = await start(startRig());
  const channels = await createRigChannels(rig.url, {
    count: CHANNELS,
    firstId: 78_000_001,
    prefix: "Load",
  });
  const ebs = await start(startEbs(rig.url, { VIEWER_COOLDOWN_SECONDS: "0" }, options.ebsNodeArgs));
  const tokens = Array.from({ length: VIEWERS }, (_, n) =>
    viewerToken({ channelId: channels[n % CHANNELS] as string, n }),
  );
  const body = '{"action":"hype"}';
  const cpuOf = (servers: readonly Running[]) => {
    let total = 0;
    for (const server of servers) {
      const ms = processCpuMs(server.pid);
      if (ms === undefined) return undefined;
      total += ms;
    }
    return total;
  };
  const runSpread = async (servers: readonly Running[], durationMs: number): Promise<Round> => {
    const cpuBefore = cpuOf(servers);
    const results = await Promise.all(
      servers.map((server, s) =>
        load({
          url: `${server.url}/api/actions`,
          connections: Math.max(1, Math.round(CONNECTIONS / servers.length)),
          durationMs,
          body,
          // Each server gets its own share of the viewers, so no two send the same viewer's token at once.
          headers: (i): Record<string, string> => ({
            Authorization: `Bearer ${tokens[(i * servers.length + s) % VIEWERS]}`,
          }),
          expectStatus: 202,
        }),
      ),
    );
    const cpuAfter = cpuOf(servers);
    const requests = results.reduce((n, r) => n + r.requests, 0);
    const combined: LoadResult = {
      ...(results[0] as LoadResult),
      rps: results.reduce((n, r) => n + r.rps, 0),
      requests,
      errors: results.reduce((n, r) => n + r.errors, 0),
      p50: Math.max(...results.map((r) => r.p50)),
      p99: Math.max(...results.map((r) => r.p99)),
    };
    const cpuUsPerRequest =
      cpuBefore === undefined || cpuAfter === undefined || requests === 0
        ? undefined
        : ((cpuAfter - cpuBefore) * 1000) / requests;
    return { ...combined, cpuUsPerRequest };
  };
  const run = (server: Running, durationMs: number) => runSpread([server], durationMs);
  return { rig, ebs, run, runSpread };
}

/** How a comparison of two loads is run: a warm-up each, then `rounds` measured rounds each, alternating. */
export const COMPARISON = { warmupMs: 3_000, measureMs: 8_000, rounds: 3 } as const;

/** One side of a comparison: its name in the printed rounds, and how to load it for `durationMs`. */
export interface Contender {
  name: string;
  load(durationMs: number): Promise<Round>;
}

/**
 * Warms both contenders up, measures them in alternating rounds (so a busy moment of the machine falls on
 * both), prints every round, and answers each one's best round, every round and the errors of every round.
 */
export async function compareAlternating(
  first: Contender,
  second: Contender,
): Promise<{ best: [Round, Round]; rounds: [Round[], Round[]]; errors: number }> {
  await first.load(COMPARISON.warmupMs);
  await second.load(COMPARISON.warmupMs);
  const rounds: [Round[], Round[]] = [[], []];
  for (let round = 0; round < COMPARISON.rounds; round++) {
    rounds[0].push(await first.load(COMPARISON.measureMs));
    rounds[1].push(await second.load(COMPARISON.measureMs));
  }
  console.log("");
  for (const [side, contender] of [first, second].entries()) {
    for (const [i, r] of rounds[side]?.entries() ?? []) {
      console.log(`${contender.name}, round ${i + 1}: ${describeRound(r)}`);
    }
  }
  const best = (list: Round[]) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
  const errors = [...rounds[0], ...rounds[1]].reduce((n, r) => n + r.errors, 0);
  return { best: [best(rounds[0]), best(rounds[1])], rounds, errors };
}
