import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/** A Node process a test or a bench started, and how to stop it. */
export interface NodeProcess {
  /** What `ready` found in its output (the URL it serves). */
  url: string;
  child: ChildProcess;
  pid: number;
  /** Everything it printed so far (the last 500 KB at least). */
  output(): string;
  /** SIGTERM, then SIGKILL after 15 s; resolves once it exited. */
  stop(): Promise<void>;
  /** Resolves when the process exits, with its code (null after a signal). */
  exited: Promise<number | null>;
}

/** What to run: `node [nodeArgs] <entry> [args]` in `cwd`, with only the given environment. */
export interface NodeCommand {
  /** The package folder to run in (its own `tsx` is used). */
  cwd: string;
  /** The entry, relative to `cwd`: TypeScript by default, JavaScript with `nodeArgs: []`. */
  entry: string;
  args?: string[];
  /** Node's own flags (default `--import tsx`). */
  nodeArgs?: string[];
  /** The whole environment besides PATH (and NO_COLOR=1): nothing leaks in from the caller's. */
  env: Record<string, string>;
}

export interface StartNodeProcessOptions extends NodeCommand {
  /** For error messages: "the EBS". */
  name: string;
  /** The URL the process serves once its output says it is ready; undefined while it is not. */
  ready: (output: string) => string | undefined;
  /** How long it may take to be ready (default 30 s). */
  timeoutMs?: number;
}

/** Spawns the command with its output piped and kept (stdout and stderr apart, and together; the last 500 KB at least). */
function spawnNode(command: NodeCommand) {
  const child = spawn(
    process.execPath,
    [...(command.nodeArgs ?? ["--import", "tsx"]), command.entry, ...(command.args ?? [])],
    {
      cwd: command.cwd,
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...command.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const text = { stdout: "", stderr: "", output: "" };
  const append = (key: keyof typeof text, chunk: string) => {
    text[key] += chunk;
    if (text[key].length > 1_000_000) text[key] = text[key].slice(-500_000);
  };
  const keep = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
    append(stream, chunk.toString());
    append("output", chunk.toString());
  };
  child.stdout?.on("data", keep("stdout"));
  child.stderr?.on("data", keep("stderr"));
  return { child, text };
}

/** What a process that ran to its end printed, and its exit code (null after a signal). */
export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr as they came. */
  output: string;
}

/** Runs the command to its end (a CLI, or a process expected to stop by itself). */
export function runNodeProcess(command: NodeCommand): Promise<NodeRun> {
  const { child, text } = spawnNode(command);
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, ...text })));
}

/** Starts `node --import tsx <entry>` in `cwd` and resolves once `ready` finds its URL in the output. */
export function startNodeProcess(options: StartNodeProcessOptions): Promise<NodeProcess> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const { child, text } = spawnNode(options);
  // "close", not "exit": the output is complete only once the pipes closed.
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(
        new Error(`${options.name} did not start in ${timeoutMs / 1000} s:\n${text.output.slice(-2000)}`),
      );
    }, timeoutMs);
    const check = () => {
      const url = options.ready(text.output);
      if (!url) return;
      clearTimeout(timer);
      child.stdout?.off("data", check);
      resolve({ url, child, pid: child.pid as number, output: () => text.output, stop, exited });
    };
    child.stdout?.on("data", check);
    check();
    child.once("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code}:\n${text.output.slice(-2000)}`));
    });
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

/** Waits until `url` answers 2xx (the process's health endpoint); stops the process and throws if it never does. */
export async function untilAnswers(running: NodeProcess, url: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    if (running.child.exitCode !== null || Date.now() - started > timeoutMs) {
      await running.stop();
      throw new Error(`${url} did not answer:\n${running.output().slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
