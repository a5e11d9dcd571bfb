import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ebsEnvironment } from "@ext/shared/dev-extension";
import { freePort, type NodeProcess, startNodeProcess, untilAnswers } from "@ext/test-kit/processes";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A process the bench started, and how to stop it. */
export type Running = NodeProcess;

/** The rig (Twitch's stand-in) on 127.0.0.1, a free port. */
export function startRig(): Promise<Running> {
  return startNodeProcess({
    name: "the rig",
    cwd: `${root}apps/rig`,
    entry: "src/main.ts",
    env: { RIG_PORT: "0" },
    ready: (out) => {
      const port = /Rig ready: http:\/\/localhost:(\d+)/.exec(out)?.[1];
      return port ? `http://127.0.0.1:${port}` : undefined;
    },
  });
}

/**
 * Node's own flags for the EBS, the ones its `start` script and Dockerfile give it: with a 512 MB old space
 * V8 grows the heap by less than twice what it holds between full collections, instead of up to four times.
 */
export const EBS_NODE_FLAGS = ["--max-old-space-size=512"];

/**
 * The EBS pointed at the rig, on 127.0.0.1, a free port; `env` overrides the development values,
 * `nodeArgs` are added to {@link EBS_NODE_FLAGS} (`bench:profile` adds `--cpu-prof`). Its counts go to a
 * SQLite file of its own in a temporary folder (a file, as in production, so the bench pays for the writes;
 * fresh, so the burst bench can compare the panels' counts with the actions it sent), removed when it stops.
 */
export async function startEbs(
  rigUrl: string,
  env: Record<string, string> = {},
  nodeArgs: readonly string[] = [],
): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "ebs-bench-"));
  const running = await startNodeProcess({
    name: "the EBS",
    cwd: `${root}apps/ebs`,
    entry: "src/main.ts",
    nodeArgs: [...EBS_NODE_FLAGS, ...nodeArgs, "--import", "tsx"],
    env: {
      ...ebsEnvironment({ rigUrl, ebsPort: port, panelOrigin: "http://localhost:8080" }),
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      SQLITE_PATH: join(dataDir, "ebs.sqlite"),
      ...env,
    },
    // At LOG_LEVEL=warn it prints nothing when it listens: its health endpoint says when it is up.
    ready: () => url,
  });
  await untilAnswers(running, `${url}/health`);
  return {
    ...running,
    stop: async () => {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A bare Express 5 route, for the throughput comparison; `nodeArgs` go before `--import tsx`. */
export function startBareExpress(nodeArgs: readonly string[] = []): Promise<Running> {
  return startNodeProcess({
    name: "the bare Express server",
    cwd: `${root}bench`,
    entry: "src/bare-server.ts",
    nodeArgs: [...nodeArgs, "--import", "tsx"],
    env: {},
    ready: (out) => /bare express listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1],
  });
}

/** Awaits a process being started and remembers it, to be stopped when the bench ends. */
export type Start = <T extends Running>(starting: Promise<T>) => Promise<T>;

/**
 * Runs a bench's `main` with `start`, which remembers each process it is given; whatever happens, they are
 * stopped afterwards, the last started first.
 */
export async function withProcesses(main: (start: Start) => Promise<void>): Promise<void> {
  const running: Running[] = [];
  try {
    await main(async (starting) => {
      const started = await starting;
      running.push(started);
      return started;
    });
  } finally {
    for (const r of running.reverse()) await r.stop();
  }
}
