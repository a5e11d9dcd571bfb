import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { runNodeProcess, startNodeProcess } from "@ext/test-kit/processes";
import { describe, expect, it } from "vitest";
import { listeningUrl } from "./support/processes.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

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
  SQLITE_PATH: ":memory:",
};

describe("the EBS process", () => {
  it("stops with a message naming the variable when the extension secret is the OAuth client secret", async () => {
    const run = await runNodeProcess({
      cwd: root,
      entry: "src/main.ts",
      env: { ...goodEnv, TWITCH_EXTENSION_SECRET: "abcdefghijklmnopqrstuvwxyz0123" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/TWITCH_EXTENSION_SECRET: .*OAuth Client Secret/);
    expect(run.stderr).toContain(".env.example");
    expect(run.stdout).not.toContain("listening");
  });

  it("stops with a message naming SQLITE_PATH when the SQLite file cannot be created", async () => {
    const run = await runNodeProcess({
      cwd: root,
      entry: "src/main.ts",
      env: { ...goodEnv, SQLITE_PATH: "package.json/ebs.sqlite" },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /"event":"store_unavailable".*SQLITE_PATH=package.json\/ebs.sqlite could not be opened/,
    );
    expect(run.stdout).not.toContain('"event":"listening"');
  });

  it("listens, answers /health and exits cleanly on SIGTERM", async () => {
    const ebs = await startNodeProcess({
      name: "the EBS",
      cwd: root,
      entry: "src/main.ts",
      env: goodEnv,
      ready: listeningUrl,
    });
    const res = await fetch(`${ebs.url}/health`);
    expect(await res.json()).toEqual({ status: "ok", version: "0.0.1" });
    await ebs.stop();
    expect(await ebs.exited).toBe(0);
    expect(ebs.output()).toContain('"event":"shutdown"');
  });
});
