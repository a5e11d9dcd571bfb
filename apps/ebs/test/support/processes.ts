import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const ebsRoot = fileURLToPath(new URL("../..", import.meta.url));
const rigRoot = fileURLToPath(new URL("../../../rig", import.meta.url));

/** The rig's committed development extension (apps/rig/src/dev-config.ts: public, development only). */
export const RIG_DEV = {
  clientId: "nfwhjr87mfmdwsb5zjwl4v90qt0vwn",
  ownerUserId: "90000001",
  secretBase64: "O53eXY6NJvReOlBRhmqYcpZKBBTQ0biNkdHVviNh+o4=",
  clientSecret: "6cowi72apflo4bxcso0ae9l29j8wrg",
  /** Rig viewers who shared identity: Get Users knows their names. */
  namedViewers: { "51000001": "Ana", "51000002": "Bo", "51000003": "Chidi" } as Record<string, string>,
};

/** A child process a test started (its own process, as apps never import each other). */
export interface Child {
  url: string;
  child: ChildProcess;
  pid: number;
  output(): string;
  stop(): Promise<void>;
  /** Resolves when the process exits, with its code (null after a signal). */
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function startNode(input: {
  cwd: string;
  env: Record<string, string>;
  name: string;
  ready: (output: string) => string | undefined;
}): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: input.cwd,
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...input.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 1_000_000) output = output.slice(-500_000);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
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
      if (!url) return;
      clearTimeout(timer);
      child.stdout?.off("data", check);
      resolve({ url, child, pid: child.pid as number, output: () => output, stop, exited });
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${input.name} exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}

/** The rig (Twitch's stand-in) on a free port. */
export function startRig(): Promise<Child> {
  return startNode({
    name: "the rig",
    cwd: rigRoot,
    env: { RIG_PORT: "0" },
    ready: (out) => {
      const port = /Rig ready: http:\/\/localhost:(\d+)/.exec(out)?.[1];
      return port ? `http://127.0.0.1:${port}` : undefined;
    },
  });
}

/** The EBS (`tsx src/main.ts`) pointed at the rig, on 127.0.0.1 and a free port; `env` adds or overrides. */
export async function startEbs(rigUrl: string, env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startNode({
    name: "the EBS",
    cwd: ebsRoot,
    env: {
      TWITCH_CLIENT_ID: RIG_DEV.clientId,
      TWITCH_EXTENSION_VERSION: "0.0.1",
      TWITCH_OWNER_ID: RIG_DEV.ownerUserId,
      TWITCH_EXTENSION_SECRET: RIG_DEV.secretBase64,
      TWITCH_CLIENT_SECRET: RIG_DEV.clientSecret,
      TWITCH_API_BASE: rigUrl,
      TWITCH_AUTH_BASE: rigUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      NODE_ENV: "test",
      ...env,
    },
    ready: (out) => (out.includes('"event":"listening"') ? url : undefined),
  });
}
