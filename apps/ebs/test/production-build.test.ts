import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { buildViewerClaims, createSecretRing, signExtensionJwt } from "@ext/shared/server";
import { type NodeProcess, startNodeProcess } from "@ext/test-kit/processes";
import { afterAll, describe, expect, it } from "vitest";
import { listeningUrl } from "./support/processes.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const repo = fileURLToPath(new URL("../../..", import.meta.url));
let ebs: NodeProcess | undefined;
const scratch: string[] = [];
afterAll(async () => {
  await ebs?.stop();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/**
 * The image's /app as the Dockerfile lays it out: the EBS's production dependencies only (pnpm install
 * --prod --filter @ext/ebs from the lockfile, offline from the store), then `node_modules`,
 * `apps/ebs/node_modules`, `apps/ebs/package.json` and `apps/ebs/dist` copied into a fresh directory.
 */
function dockerLayout(): string {
  const deps = mkdtempSync(join(tmpdir(), "ebs-prod-deps-"));
  const app = mkdtempSync(join(tmpdir(), "ebs-app-"));
  scratch.push(deps, app);
  for (const file of ["package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc"]) {
    cpSync(join(repo, file), join(deps, file));
  }
  for (const group of ["apps", "packages", "tests"]) {
    for (const name of readdirSync(join(repo, group))) {
      if (!existsSync(join(repo, group, name, "package.json"))) continue;
      mkdirSync(join(deps, group, name), { recursive: true });
      cpSync(join(repo, group, name, "package.json"), join(deps, group, name, "package.json"));
    }
  }
  mkdirSync(join(deps, "bench"));
  cpSync(join(repo, "bench", "package.json"), join(deps, "bench", "package.json"));
  const pnpm = process.env.npm_execpath;
  const install = spawnSync(
    pnpm ? process.execPath : "pnpm",
    [
      ...(pnpm ? [pnpm] : []),
      "install",
      "--offline",
      "--frozen-lockfile",
      "--prod",
      "--filter",
      "@ext/ebs",
      "--ignore-scripts",
    ],
    { cwd: deps, encoding: "utf8" },
  );
  if (install.status !== 0)
    throw new Error(`pnpm install --prod failed:\n${install.stdout}${install.stderr}`);
  cpSync(join(deps, "node_modules"), join(app, "node_modules"), { recursive: true, verbatimSymlinks: true });
  cpSync(join(deps, "apps/ebs/node_modules"), join(app, "apps/ebs/node_modules"), {
    recursive: true,
    verbatimSymlinks: true,
  });
  cpSync(join(root, "package.json"), join(app, "apps/ebs/package.json"));
  cpSync(join(root, "dist"), join(app, "apps/ebs/dist"), { recursive: true });
  return join(app, "apps/ebs");
}
describe("the production build", () => {
  it("bundles to dist/main.js, which starts on this Node with only its production dependencies, laid out as the image lays them out, and answers", async () => {
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
    const appDir = dockerLayout();
    expect(existsSync(join(appDir, "node_modules/express"))).toBe(true);
    expect(existsSync(join(appDir, "node_modules/vitest"))).toBe(false);
    ebs = await startNodeProcess({
      name: "the built EBS",
      cwd: appDir,
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
    const token = signExtensionJwt(
      buildViewerClaims({
        channelId: "41000001",
        clock: Date.now,
        viewer: { kind: "identified", userId: "7" },
      }),
      createSecretRing(secret),
      Date.now,
    );
    const queued = await fetch(`${ebs.url}/api/actions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: '{"action":"hype"}',
    });
    expect(queued.status).toBe(202);
    expect(ebs.output()).toContain('"apiBase":"https://api.twitch.tv"');
    expect(ebs.output()).not.toContain(secret);
    await ebs.stop();
    expect(await ebs.exited).toBe(0);
    // Building, installing and copying the image's files: slow on a busy CI machine.
  }, 120_000);
});
