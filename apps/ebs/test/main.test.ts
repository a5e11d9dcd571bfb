import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

const goodEnv = {
  TWITCH_CLIENT_ID: "abc123clientid",
  TWITCH_EXTENSION_VERSION: "0.0.1",
  TWITCH_OWNER_ID: "90001",
  TWITCH_EXTENSION_SECRET: randomBytes(32).toString("base64"),
  TWITCH_API_BASE: "http://127.0.0.1:9",
  TWITCH_AUTH_BASE: "http://127.0.0.1:9",
  TWITCH_CLIENT_SECRET: "",
  ALLOWED_ORIGINS: "",
  EXTENSION_NAME: "",
  HOST: "127.0.0.1",
  PORT: "0",
  LOG_LEVEL: "info",
  NODE_ENV: "test",
};

/** Runs src/main.ts as the dev script does (through tsx), with only the given environment. */
function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function until(check: () => boolean, timeoutMs = 15_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the EBS process", () => {
  it("stops with a message naming the variable when the extension secret is the OAuth client secret", async () => {
    const run = runMain({ ...goodEnv, TWITCH_EXTENSION_SECRET: "abcdefghijklmnopqrstuvwxyz0123" });
    expect(await run.exited).toBe(1);
    expect(run.err()).toMatch(/TWITCH_EXTENSION_SECRET: .*OAuth Client Secret/);
    expect(run.err()).toContain(".env.example");
    expect(run.out()).not.toContain("listening");
  }, 20_000);

  it("listens, answers /health and exits cleanly on SIGTERM", async () => {
    const run = runMain(goodEnv);
    await until(() => run.out().includes('"event":"listening"'));
    const line = run
      .out()
      .split("\n")
      .find((l) => l.includes('"event":"listening"'));
    const url = (JSON.parse(line ?? "{}") as { url: string }).url;
    const res = await fetch(`${url}/health`);
    expect(await res.json()).toEqual({ status: "ok", version: "0.0.1" });
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.out()).toContain('"event":"shutdown"');
  }, 20_000);
});
