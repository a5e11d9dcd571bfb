import { type ChildProcess, spawn } from "node:child_process";
import { type FSWatcher, watch } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `pnpm --filter @ext/ebs dev`: runs the EBS from its TypeScript source (tsx) and starts it again when a
 * source file of the EBS or of `@ext/shared` changes. Unlike `tsx watch` (and `node --watch`) it stops on
 * Ctrl-C or SIGTERM whatever became of the EBS: they wait for a child that a signal killed (SIGKILL, the OOM
 * killer) to exit once more, forever.
 *
 * The EBS runs in a process group of its own, so a Ctrl-C reaches it once, from here: the terminal's SIGINT
 * would otherwise reach it as well, and a second one would cut its drain short. A second Ctrl-C here kills it.
 * This runner also stops when its parent goes away (pnpm passes SIGTERM to its shell only) and on SIGHUP.
 */

const root = fileURLToPath(new URL("..", import.meta.url));
const WATCHED = [`${root}src`, dirname(fileURLToPath(import.meta.resolve("@ext/shared")))];
/** Changes closer together than this make one restart. */
const DEBOUNCE_MS = 200;
/** How long the EBS may take to stop (it drains for SHUTDOWN_DRAIN_SECONDS, 10 by default, plus 5) before SIGKILL. */
const STOP_TIMEOUT_MS = 30_000;
const PARENT_CHECK_MS = 250;

const say = (line: string) => process.stderr.write(`[ebs dev] ${line}\n`);

interface Running {
  child: ChildProcess;
  /** Resolves once it exited, whether by itself, by a signal or by SIGKILL. */
  exited: Promise<void>;
  done: boolean;
  /** This runner asked it to stop (a restart or a shutdown). */
  stopAsked: boolean;
}

let running: Running | undefined;
let stopping = false;

function start(): void {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const current: Running = {
    child,
    done: false,
    stopAsked: false,
    exited: new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        current.done = true;
        if (!current.stopAsked) {
          say(
            `the EBS exited (${signal ? `signal ${signal}` : `code ${code}`}): it starts again when a file changes; Ctrl-C stops`,
          );
        }
        resolve();
      });
      child.once("error", (error) => {
        current.done = true;
        say(`could not start the EBS: ${error.message}`);
        resolve();
      });
    }),
  };
  running = current;
  say(`started the EBS, pid ${child.pid} (this runner: pid ${process.pid})`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // The whole group: the EBS and what it started (tsx's esbuild).
    process.kill(-(child.pid as number), signal);
  } catch {
    // Already gone.
  }
}

/** Sends `signal` to the EBS if it still runs and waits until it exited (SIGKILL after the timeout); true if it stopped by itself. */
async function stopEbs(signal: NodeJS.Signals): Promise<boolean> {
  const current = running;
  if (!current || current.done) return true;
  current.stopAsked = true;
  signalGroup(current.child, signal);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    current.exited.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    say(`the EBS did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it`);
    signalGroup(current.child, "SIGKILL");
    await current.exited;
  }
  return !timedOut;
}

const watchers: FSWatcher[] = [];
let restartTimer: NodeJS.Timeout | undefined;
let restarting = Promise.resolve();

function onChange(_event: string, file: string | null): void {
  if (stopping || (file && (!/\.(ts|json)$/.test(file) || /\.test\.ts$/.test(file)))) return;
  clearTimeout(restartTimer);
  restartTimer = setTimeout(() => {
    restarting = restarting.then(async () => {
      if (stopping) return;
      say(`${file ?? "a file"} changed: restarting the EBS`);
      await stopEbs("SIGTERM");
      if (!stopping) start();
    });
  }, DEBOUNCE_MS);
}

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    // Asked twice: do not wait for the drain.
    if (running && !running.done) signalGroup(running.child, "SIGKILL");
    process.exit(1);
  }
  stopping = true;
  clearTimeout(restartTimer);
  clearInterval(parentCheck);
  for (const w of watchers) w.close();
  await restarting;
  // The EBS drains on SIGINT and SIGTERM; SIGHUP would end it at once.
  const clean = await stopEbs(signal === "SIGHUP" ? "SIGTERM" : signal);
  process.exit(clean ? 0 : 1);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => void shutdown(signal));
}
const parent = process.ppid;
const parentCheck = setInterval(() => {
  if (process.ppid !== parent) void shutdown("SIGTERM");
}, PARENT_CHECK_MS);
for (const dir of WATCHED) watchers.push(watch(dir, { recursive: true }, onChange));
start();
