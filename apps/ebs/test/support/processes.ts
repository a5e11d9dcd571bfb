import { fileURLToPath } from "node:url";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { freePort, type NodeProcess, startNodeProcess } from "@ext/test-kit/processes";

const ebsRoot = fileURLToPath(new URL("../..", import.meta.url));
const rigRoot = fileURLToPath(new URL("../../../rig", import.meta.url));

const { extension, users } = DEV_CONFIG;

/** The development extension the rig serves (`@ext/shared/dev-extension`: public, development only). */
export const RIG_DEV = {
  clientId: extension.clientId,
  ownerUserId: extension.ownerUserId,
  secretBase64: extension.secretBase64,
  clientSecret: extension.clientSecret,
  version: extension.version,
  /** Rig viewers who shared identity: Get Users knows their names. */
  namedViewers: Object.fromEntries(
    users.filter((u) => u.kind === "viewer").map((u) => [u.id, u.displayName]),
  ) as Record<string, string>,
};

/** A process a test started (its own process, as apps never import each other). */
export type Child = NodeProcess;

/** The rig (Twitch's stand-in) on a free port. */
export function startRig(): Promise<Child> {
  return startNodeProcess({
    name: "the rig",
    cwd: rigRoot,
    entry: "src/main.ts",
    env: { RIG_PORT: "0" },
    ready: (out) => {
      const port = /Rig ready: http:\/\/localhost:(\d+)/.exec(out)?.[1];
      return port ? `http://127.0.0.1:${port}` : undefined;
    },
  });
}

/** The URL in the EBS's `listening` log line (LOG_LEVEL info), once it printed it. */
export function listeningUrl(output: string): string | undefined {
  const line = output.split("\n").find((l) => l.includes('"event":"listening"'));
  return line ? (JSON.parse(line) as { url: string }).url : undefined;
}

/** The EBS (`tsx src/main.ts`) pointed at the rig, on 127.0.0.1 and a free port; `env` adds or overrides. */
export async function startEbs(rigUrl: string, env: Record<string, string>): Promise<Child> {
  // A test that must know the URL first (an EventSub callback) passes its own free PORT.
  const port = env.PORT !== undefined ? Number(env.PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startNodeProcess({
    name: "the EBS",
    cwd: ebsRoot,
    entry: "src/main.ts",
    env: {
      TWITCH_CLIENT_ID: RIG_DEV.clientId,
      TWITCH_EXTENSION_VERSION: RIG_DEV.version,
      TWITCH_OWNER_ID: RIG_DEV.ownerUserId,
      TWITCH_EXTENSION_SECRET: RIG_DEV.secretBase64,
      TWITCH_CLIENT_SECRET: RIG_DEV.clientSecret,
      TWITCH_API_BASE: rigUrl,
      TWITCH_AUTH_BASE: rigUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      NODE_ENV: "test",
      // No file left behind by tests that do not ask for one (a restart test passes its own path).
      SQLITE_PATH: ":memory:",
      ...env,
    },
    ready: (out) => (listeningUrl(out) ? url : undefined),
  });
}
