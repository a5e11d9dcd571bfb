import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { type NodeProcess, startNodeProcess } from "@ext/test-kit/processes";
import { afterAll, describe, expect, it } from "vitest";
import { listeningUrl } from "./support/processes.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
let ebs: NodeProcess | undefined;
afterAll(async () => {
  await ebs?.stop();
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
    expect(bundle).not.toContain(DEV_CONFIG.extension.secretBase64);

    const secret = randomBytes(32).toString("base64");
    ebs = await startNodeProcess({
      name: "the built EBS",
      cwd: root,
      entry: "dist/main.js",
      nodeArgs: [],
      env: {
        NODE_ENV: "production",
        TWITCH_CLIENT_ID: DEV_CONFIG.extension.clientId,
        TWITCH_EXTENSION_VERSION: "1.2.3",
        TWITCH_OWNER_ID: "90000001",
        TWITCH_EXTENSION_SECRET: secret,
        HOST: "127.0.0.1",
        PORT: "0",
      },
      ready: listeningUrl,
    });
    const res = await fetch(`${ebs.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", version: "1.2.3" });
    expect(ebs.output()).toContain('"apiBase":"https://api.twitch.tv"');
    expect(ebs.output()).not.toContain(secret);
    await ebs.stop();
    expect(await ebs.exited).toBe(0);
  });
});
