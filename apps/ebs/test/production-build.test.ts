import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
});

describe("the production build", () => {
  it("bundles to dist/main.js, which starts with production config and answers /health", async () => {
    const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build.ts"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(build.status, build.stderr).toBe(0);
    expect(existsSync(`${root}dist/main.js`)).toBe(true);
    const bundle = readFileSync(`${root}dist/main.js`, "utf8");
    expect(bundle).not.toMatch(/from "@ext\/shared/);

    const secret = randomBytes(32).toString("base64");
    child = spawn(process.execPath, ["dist/main.js"], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        TWITCH_CLIENT_ID: "nfwhjr87mfmdwsb5zjwl4v90qt0vwn",
        TWITCH_EXTENSION_VERSION: "1.2.3",
        TWITCH_OWNER_ID: "90000001",
        TWITCH_EXTENSION_SECRET: secret,
        HOST: "127.0.0.1",
        PORT: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr?.on("data", (c: Buffer) => {
      out += c.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line: ${out}`)), 10_000);
      const poll = setInterval(() => {
        const line = out.split("\n").find((l) => l.includes('"event":"listening"'));
        if (line) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve((JSON.parse(line) as { url: string }).url);
        }
      }, 25);
      child?.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", version: "1.2.3" });
    expect(out).toContain('"apiBase":"https://api.twitch.tv"');
    expect(out).not.toContain(secret);
    const exited = new Promise((resolve) => child?.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 30_000);
});
