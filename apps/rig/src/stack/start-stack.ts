import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { systemClock } from "@ext/shared";
import { DEV_CONFIG, ebsEnvironment } from "@ext/shared/dev-extension";
import { createRigApp } from "../app.ts";
import { createRigState } from "../state/rig-state.ts";
import { type StackChild, spawnChild } from "./child.ts";
import { assertPortFree, freePort } from "./ports.ts";

export interface StackPorts {
  rig: number;
  ebs: number;
  panel: number;
}

export interface StartStackOptions {
  /** Fixed ports (development: 8090, 8081, 8080); 0 or absent picks a free one. */
  ports?: Partial<StackPorts>;
  /** Receives every line the EBS and the panel print, prefixed with `[ebs] ` or `[panel] `. */
  log?: (line: string) => void;
  /** How long to wait for the EBS and the panel to answer. */
  readyTimeoutMs?: number;
  /** More of the EBS's environment, over the development extension's (e.g. `SQLITE_PATH` in a temp folder). */
  ebsEnv?: NodeJS.ProcessEnv;
  /** Hosts besides this machine the rig may post EventSub deliveries to (RIG_EVENTSUB_HOSTS). */
  eventSubHosts?: readonly string[];
}

export interface RunningStack {
  urls: {
    /** The rig's base URL (mock Twitch API and rig API). */
    rig: string;
    ebs: string;
    panel: string;
    /** The rig page to open: it frames the panel at `panel`. */
    open: string;
  };
  /** Process group ids of the EBS and the panel (each child leads its own group). */
  pids: number[];
  /** Resolves if the EBS or the panel exits by itself (a crash); never after stop(). */
  crashed: Promise<{ name: string; code: number | null; tail: string[] }>;
  /**
   * Stops the EBS (its whole process tree, as a deploy would) and starts it again on the same port with the
   * same environment; resolves once it answers again. Not a crash for `crashed`.
   */
  restartEbs(): Promise<void>;
  /** Stops the panel, the EBS (their whole process trees) and the rig. Safe to call twice. */
  stop(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const DEFAULT_PANEL_PORT = 8080;

async function resolvePort(wanted: number | undefined, role: string): Promise<number> {
  if (!wanted) return freePort();
  await assertPortFree(wanted, role);
  return wanted;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.once("listening", () => resolve((server.address() as AddressInfo).port));
  });
}

async function waitUntilAnswers(input: { url: string; child: StackChild; timeoutMs: number }): Promise<void> {
  const deadline = Date.now() + input.timeoutMs;
  let exited = false;
  void input.child.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(
        `The ${input.child.name} exited before answering at ${input.url}. Its last lines:\n${input.child.tail().join("\n")}`,
      );
    }
    try {
      const res = await fetch(input.url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(
    `The ${input.child.name} did not answer at ${input.url} within ${input.timeoutMs} ms. Its last lines:\n${input.child.tail().join("\n")}`,
  );
}

/**
 * Starts the whole development stack: the rig in this process, the EBS (pointed at the rig) and the panel's
 * Vite dev server (loading the rig's helper), each in its own process group. Resolves once all three answer.
 */
export async function startStack(options: StartStackOptions = {}): Promise<RunningStack> {
  const log = options.log ?? (() => {});
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const rigPort = await resolvePort(options.ports?.rig, "rig");
  const ebsPort = await resolvePort(options.ports?.ebs, "EBS");
  const panelPort = await resolvePort(options.ports?.panel, "panel");

  const state = createRigState({
    config: DEV_CONFIG,
    clock: systemClock,
    eventSubHosts: options.eventSubHosts ?? [],
  });
  const server = createRigApp({ state }).listen(rigPort, "127.0.0.1");
  await listen(server);

  const rigUrl = `http://localhost:${rigPort}`;
  const ebsUrl = `http://localhost:${ebsPort}`;
  const panelUrl = `http://localhost:${panelPort}`;
  const open =
    panelPort === DEFAULT_PANEL_PORT
      ? `${rigUrl}/`
      : `${rigUrl}/?panel=${encodeURIComponent(`${panelUrl}/index.html`)}`;

  const children: StackChild[] = [];
  let stopping = false;
  const stopChildren = async () => {
    await Promise.all(children.map((c) => c.stop()));
  };
  const onExit = () => {
    for (const c of children) {
      if (c.process.pid !== undefined) {
        try {
          process.kill(-c.process.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    }
  };
  process.once("exit", onExit);

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopChildren();
    process.off("exit", onExit);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  const startEbs = () =>
    spawnChild({
      name: "ebs",
      command: "pnpm",
      args: ["--filter", "@ext/ebs", "exec", "tsx", "src/main.ts"],
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...ebsEnvironment({
          rigUrl: `http://127.0.0.1:${rigPort}`,
          ebsPort,
          panelOrigin: panelUrl,
        }),
        ...options.ebsEnv,
      },
      log,
    });
  const ebsHealth = `http://127.0.0.1:${ebsPort}/health`;
  let reportCrash: (crash: { name: string; code: number | null; tail: string[] }) => void = () => {};
  const crashed = new Promise<{ name: string; code: number | null; tail: string[] }>((resolve) => {
    reportCrash = resolve;
  });
  /** Reports the child's exit as a crash unless the stack stopped it (stop, or restartEbs). */
  const watch = (child: StackChild) => {
    void child.exited.then(({ code }) => {
      if (!stopping && children.includes(child)) reportCrash({ name: child.name, code, tail: child.tail() });
    });
  };

  try {
    const ebs = startEbs();
    children.push(ebs);
    const panel = spawnChild({
      name: "panel",
      command: "pnpm",
      args: ["--filter", "@ext/panel", "exec", "vite", "--port", String(panelPort), "--strictPort"],
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        VITE_EBS_URL: ebsUrl,
        TWITCH_HELPER_URL: `${rigUrl}/rig/twitch-ext.js`,
        NO_COLOR: "1",
      },
      log,
    });
    children.push(panel);
    await Promise.all([
      waitUntilAnswers({ url: ebsHealth, child: ebs, timeoutMs }),
      waitUntilAnswers({ url: `${panelUrl}/`, child: panel, timeoutMs }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  for (const child of children) watch(child);

  const restartEbs = async () => {
    const index = children.findIndex((child) => child.name === "ebs");
    const old = children[index];
    if (!old || stopping) throw new Error("The stack is stopped: there is no EBS to restart.");
    children.splice(index, 1);
    await old.stop();
    const ebs = startEbs();
    children.push(ebs);
    watch(ebs);
    await waitUntilAnswers({ url: ebsHealth, child: ebs, timeoutMs });
  };

  return {
    urls: { rig: rigUrl, ebs: ebsUrl, panel: panelUrl, open },
    get pids() {
      return children.flatMap((c) => (c.process.pid === undefined ? [] : [c.process.pid]));
    },
    crashed,
    restartEbs,
    stop,
  };
}
