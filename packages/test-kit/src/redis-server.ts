import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./processes.ts";
import { type EnsureSystemPackageOptions, ensureSystemPackage, runCommand } from "./system-packages.ts";

/** A real `redis-server` for the Redis-mode tests, on 127.0.0.1 and a free port. */
export interface TestRedis {
  /** What REDIS_URL gets: one URL, or a cluster's node URLs comma-separated. */
  url: string;
  /** A Redis Cluster (REDIS_CLUSTER=1). */
  cluster: boolean;
  stop(): Promise<void>;
  /** Starts it again on the same port after `stop()` (with `persistIn`, holding what it held). */
  start(): Promise<void>;
}

const REDIS_SERVER: EnsureSystemPackageOptions = {
  name: "redis-server",
  neededFor: "the Redis-mode tests and benches start one",
  aptPackage: "redis-server",
  commands: ["redis-server"],
  candidates: ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/opt/homebrew/bin/redis-server"],
  elsewhere: "macOS: `brew install redis`",
};

/**
 * Where redis-server is. Missing, it is installed with apt-get when the tests run as root; else this throws,
 * saying how to install it (the tests then fail, never skip). `lookup` replaces where and how it looks.
 */
export function redisServerPath(lookup: Partial<EnsureSystemPackageOptions> = {}): Promise<string> {
  return ensureSystemPackage({ ...REDIS_SERVER, ...lookup });
}

/** One redis-server process; resolves once it accepts connections. */
async function spawnRedis(bin: string, args: readonly string[]): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start in 10 s:\n${output}`)),
      10_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return {
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Starts redis-server (obtained through {@link redisServerPath}) on a free port. Nothing is saved by
 * default; with `persistIn` (a directory) every write goes to an append-only file (fsync always), so
 * `stop()` then `start()` brings back a Redis holding what it held, on the same port: a Redis restart.
 */
export async function startRedis(options: { persistIn?: string } = {}): Promise<TestRedis> {
  const bin = await redisServerPath();
  const port = await freePort();
  const persistence = options.persistIn
    ? ["--dir", options.persistIn, "--appendonly", "yes", "--appendfsync", "always"]
    : ["--appendonly", "no"];
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", ...persistence];
  let running: { stop(): Promise<void> } | undefined = await spawnRedis(bin, args);
  return {
    url: `redis://127.0.0.1:${port}`,
    cluster: false,
    async stop() {
      await running?.stop();
      running = undefined;
    },
    async start() {
      if (!running) running = await spawnRedis(bin, args);
    },
  };
}

const REDIS_CLI: EnsureSystemPackageOptions = {
  ...REDIS_SERVER,
  name: "redis-cli",
  neededFor: "the EBS's Redis Cluster tests join their nodes with it",
  aptPackage: "redis-tools",
  commands: ["redis-cli"],
  candidates: ["/usr/bin/redis-cli", "/usr/local/bin/redis-cli", "/opt/homebrew/bin/redis-cli"],
};

/**
 * A real Redis Cluster of three primaries (no replicas) on free ports of 127.0.0.1, joined with
 * `redis-cli --cluster create`, in a directory of its own that `stop()` removes. Resolves once every node
 * says the cluster is ok.
 */
export async function startRedisCluster(): Promise<TestRedis> {
  const bin = await redisServerPath();
  const cli = await ensureSystemPackage(REDIS_CLI);
  const dir = mkdtempSync(join(tmpdir(), "ebs-redis-cluster-"));
  const ports = [await freePort(), await freePort(), await freePort()];
  const nodes = await Promise.all(
    ports.map((port) =>
      spawnRedis(bin, [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--cluster-enabled",
        "yes",
        "--cluster-config-file",
        `nodes-${port}.conf`,
        "--dir",
        dir,
        "--save",
        "",
        "--appendonly",
        "no",
      ]),
    ),
  );
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const hosts = ports.map((port) => `127.0.0.1:${port}`);
    const created = await runCommand(cli, [
      "--cluster",
      "create",
      ...hosts,
      "--cluster-replicas",
      "0",
      "--cluster-yes",
    ]);
    if (!created.ok) throw new Error(`redis-cli --cluster create failed:\n${created.output}`);
    const deadline = Date.now() + 15_000;
    for (const port of ports) {
      for (;;) {
        const info = await runCommand(cli, ["-p", String(port), "cluster", "info"]);
        if (info.output.includes("cluster_state:ok")) break;
        if (Date.now() > deadline) throw new Error(`the cluster did not become ok:\n${info.output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: ports.map((port) => `redis://127.0.0.1:${port}`).join(","),
    cluster: true,
    stop,
    async start() {
      throw new Error("The test cluster cannot be restarted: start a new one.");
    },
  };
}
