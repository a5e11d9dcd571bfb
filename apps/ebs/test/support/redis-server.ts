import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "@ext/test-kit/processes";
import { type EnsureSystemPackageOptions, ensureSystemPackage } from "@ext/test-kit/system-packages";

/** A real `redis-server` for the Redis-mode tests, on 127.0.0.1 and a free port, nothing saved to disk. */
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

const REDIS_SERVER: EnsureSystemPackageOptions = {
  name: "redis-server",
  neededFor: "the EBS's Redis-mode tests start one",
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

/** Starts redis-server (obtained through {@link redisServerPath}) and resolves once it accepts connections. */
export async function startRedis(): Promise<TestRedis> {
  const bin = await redisServerPath();
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
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
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
