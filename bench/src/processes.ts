import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { DEV_CONFIG, ebsEnvironment } from "@ext/rig/dev-config";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A process the bench started, and how to stop it. */
export interface Running {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <entry>` in `cwd` and waits until `ready` finds a URL in its output. */
function startNode(input: {
  cwd: string;
  entry: string;
  env: Record<string, string>;
  ready: (output: string) => string | undefined;
  name: string;
}): Promise<Running> {
  const child = spawn(process.execPath, ["--import", "tsx", input.entry], {
    cwd: `${root}${input.cwd}`,
    env: { PATH: process.env.PATH ?? "", ...input.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 1_000_000) output = output.slice(-500_000);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${input.name} did not start in 30 s:\n${output.slice(-2000)}`));
    }, 30_000);
    const check = () => {
      const url = input.ready(output);
      if (url) {
        clearTimeout(timer);
        child.stdout?.off("data", check);
        resolve({ url, child, output: () => output, stop });
      }
    };
    child.stdout?.on("data", check);
    check();
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${input.name} exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}

/** The rig (Twitch's stand-in) on 127.0.0.1, a free port. */
export function startRig(): Promise<Running> {
  return startNode({
    name: "the rig",
    cwd: "apps/rig",
    entry: "src/main.ts",
    env: { RIG_PORT: "0" },
    ready: (out) => {
      const port = /Rig ready: http:\/\/localhost:(\d+)/.exec(out)?.[1];
      return port ? `http://127.0.0.1:${port}` : undefined;
    },
  });
}

/** A port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The EBS pointed at the rig, on 127.0.0.1, a free port; `env` overrides the development values. */
export async function startEbs(rigUrl: string, env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const running = await startNode({
    name: "the EBS",
    cwd: "apps/ebs",
    entry: "src/main.ts",
    env: {
      ...ebsEnvironment({ rigUrl, ebsPort: port, panelOrigin: "http://localhost:8080" }),
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      ...env,
    },
    ready: () => url,
  });
  const started = Date.now();
  for (;;) {
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return running;
    if (running.child.exitCode !== null || Date.now() - started > 30_000) {
      await running.stop();
      throw new Error(`The EBS did not answer /health:\n${running.output().slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A bare Express 5 route, for the throughput comparison. */
export function startBareExpress(): Promise<Running> {
  return startNode({
    name: "the bare Express server",
    cwd: "bench",
    entry: "src/bare-server.ts",
    env: {},
    ready: (out) => /bare express listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1],
  });
}

export { DEV_CONFIG };
