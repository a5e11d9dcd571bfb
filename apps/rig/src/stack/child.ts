import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** A process group the stack started: its output is prefixed and the last lines kept for error messages. */
export interface StackChild {
  name: string;
  process: ChildProcess;
  /** Resolves when the process exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  tail(): string[];
  /** Stops the whole process group: SIGTERM, then SIGKILL after `graceMs`; resolves once the group is gone. */
  stop(graceMs?: number): Promise<void>;
}

const TAIL_LINES = 40;
/** How long stop() waits for a killed group's last members to be gone. */
const GROUP_GONE_TIMEOUT_MS = 5000;

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until no process of the group is left (a SIGKILLed member still exists until it is reaped). */
async function groupGone(pid: number): Promise<void> {
  const deadline = Date.now() + GROUP_GONE_TIMEOUT_MS;
  while (groupAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Spawns `command` as the leader of a new process group, so stop() also ends its children. */
export function spawnChild(input: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}): StackChild {
  const child = spawn(input.command, input.args, {
    cwd: input.cwd,
    env: input.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on("line", (line) => {
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
      input.log(`[${input.name}] ${line}`);
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error) => {
      lines.push(`could not start ${input.command}: ${error.message}`);
      resolve({ code: null, signal: null });
    });
  });
  let running = true;
  void exited.then(() => {
    running = false;
  });
  return {
    name: input.name,
    process: child,
    exited,
    tail: () => [...lines],
    async stop(graceMs = 3000) {
      const pid = child.pid;
      if (pid === undefined) return;
      if (running) {
        killGroup(pid, "SIGTERM");
        const timer = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
        await Promise.race([exited, timer]);
      }
      killGroup(pid, "SIGKILL");
      await exited;
      await groupGone(pid);
    },
  };
}
