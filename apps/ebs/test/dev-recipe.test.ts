import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ebsEnvironment } from "@ext/shared/dev-extension";
import { freePort } from "@ext/test-kit/processes";
import { afterEach, describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** True while `pid` runs (a zombie, exited but not yet reaped by whoever adopted it, does not count). */
function alive(pid: number): boolean {
  const ps = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" });
  const stat = ps.stdout.trim();
  return stat !== "" && !stat.startsWith("Z");
}

/** Polls `check` for at most `timeoutMs`; the error shows what the recipe printed. */
async function waitFor(check: () => boolean, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`not in ${timeoutMs / 1000} s; the recipe printed:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface DevRecipe {
  pnpm: ChildProcess;
  output(): string;
  exited: Promise<void>;
  runnerPid: number;
  ebsPid: number;
}

const started: DevRecipe[] = [];

/** The README's second-terminal recipe, `pnpm --filter @ext/ebs dev`, as the leader of a process group (a terminal's job). */
async function startDevRecipe(): Promise<DevRecipe> {
  const port = await freePort();
  const pnpm = spawn("pnpm", ["--filter", "@ext/ebs", "dev"], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      NO_COLOR: "1",
      ...ebsEnvironment({
        rigUrl: "http://127.0.0.1:9",
        ebsPort: port,
        panelOrigin: "http://localhost:8080",
      }),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  pnpm.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  pnpm.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => pnpm.once("close", () => resolve()));
  const pids = () => /started the EBS, pid (\d+) \(this runner: pid (\d+)\)/.exec(text);
  const recipe = { pnpm, output: () => text, exited, runnerPid: 0, ebsPid: 0 };
  started.push(recipe);
  await waitFor(
    () => pids() !== null && text.includes('"event":"listening"'),
    30_000,
    () => text,
  );
  const [, ebsPid, runnerPid] = pids() as RegExpExecArray;
  recipe.ebsPid = Number(ebsPid);
  recipe.runnerPid = Number(runnerPid);
  const health = await fetch(`http://127.0.0.1:${port}/health`);
  expect(health.status).toBe(200);
  return recipe;
}

/** Waits (bounded) for pnpm to exit, then for the runner and the EBS to be gone; false if any is left. */
async function allGone(recipe: DevRecipe, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const pnpmDone = await Promise.race([
    recipe.exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs)),
  ]);
  while (Date.now() < deadline && (alive(recipe.runnerPid) || alive(recipe.ebsPid))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return pnpmDone && !alive(recipe.runnerPid) && !alive(recipe.ebsPid);
}

async function killEbs(recipe: DevRecipe): Promise<void> {
  process.kill(recipe.ebsPid, "SIGKILL");
  await waitFor(() => recipe.output().includes("the EBS exited (signal SIGKILL)"), 10_000, recipe.output);
}

afterEach(async () => {
  for (const recipe of started.splice(0)) {
    // The group this test made (pnpm, its shell, the runner), the runner, and the EBS's own group.
    for (const target of [-(recipe.pnpm.pid as number), recipe.runnerPid, -recipe.ebsPid]) {
      try {
        if (target !== 0 && alive(Math.abs(target))) process.kill(target, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    await Promise.race([recipe.exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
});

describe("the development recipe, pnpm --filter @ext/ebs dev", () => {
  it("stops on Ctrl-C (SIGINT to its process group) after its EBS was killed with SIGKILL", async () => {
    const recipe = await startDevRecipe();
    await killEbs(recipe);
    process.kill(-(recipe.pnpm.pid as number), "SIGINT");
    expect(await allGone(recipe, 10_000), recipe.output()).toBe(true);
  }, 60_000);

  it("stops on SIGTERM to pnpm after its EBS was killed with SIGKILL, leaving nothing behind", async () => {
    const recipe = await startDevRecipe();
    await killEbs(recipe);
    process.kill(recipe.pnpm.pid as number, "SIGTERM");
    expect(await allGone(recipe, 10_000), recipe.output()).toBe(true);
  }, 60_000);

  it("on Ctrl-C lets a running EBS drain once and stop by itself", async () => {
    const recipe = await startDevRecipe();
    process.kill(-(recipe.pnpm.pid as number), "SIGINT");
    expect(await allGone(recipe, 20_000), recipe.output()).toBe(true);
    const events = recipe
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => (JSON.parse(l) as { event?: string; signal?: string }).event);
    expect(events.filter((e) => e === "shutdown")).toHaveLength(1);
    expect(events).toContain("drained");
    expect(recipe.output()).toContain('"signal":"SIGINT"');
  }, 60_000);
});
