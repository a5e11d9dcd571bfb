import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { percentile } from "./stats.ts";

export interface LoadResult {
  requests: number;
  /** Answers other than `expectStatus` (and transport errors). */
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

/**
 * A bounded load loop: `connections` keep-alive connections, each sending POST requests one after another
 * for `durationMs`; headers for request i come from `headers(i)`.
 */
export async function load(input: {
  url: string;
  connections: number;
  durationMs: number;
  body: string;
  headers: (i: number) => Record<string, string>;
  expectStatus: number;
}): Promise<LoadResult> {
  const target = new URL(input.url);
  const agent = new Agent({ keepAlive: true, maxSockets: input.connections });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "Content-Length": Buffer.byteLength(input.body),
            ...input.headers(i),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - started);
            if (res.statusCode !== input.expectStatus) errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(input.body);
    });
  const started = performance.now();
  const deadline = started + input.durationMs;
  await Promise.all(
    Array.from({ length: input.connections }, async () => {
      while (performance.now() < deadline) await one(next++);
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  return {
    requests: latencies.length,
    errors,
    rps: (latencies.length / elapsed) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
