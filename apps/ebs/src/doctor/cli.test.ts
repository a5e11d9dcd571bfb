import { fileURLToPath } from "node:url";
import { forgeJwt } from "@ext/shared/testing";
import { runNodeProcess } from "@ext/test-kit/processes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Child, RIG_DEV, startRig } from "../../test/support/processes.ts";

const ebsRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The rig's committed development extension, and its first channel. */
const DEV = { ...RIG_DEV, channel: "41000001" };

let rig: Child;
let rigUrl = "";

/** The rig as its own process (apps never import each other), on a free port. */
beforeAll(async () => {
  rig = await startRig();
  rigUrl = rig.url;
});

afterAll(async () => {
  await rig?.stop();
});

function devEnv(): Record<string, string> {
  return {
    TWITCH_CLIENT_ID: DEV.clientId,
    TWITCH_EXTENSION_VERSION: "0.0.1",
    TWITCH_OWNER_ID: DEV.ownerUserId,
    TWITCH_EXTENSION_SECRET: DEV.secretBase64,
    TWITCH_CLIENT_SECRET: DEV.clientSecret,
    TWITCH_API_BASE: rigUrl,
    TWITCH_AUTH_BASE: rigUrl,
  };
}

/** Runs `doctor` as `pnpm run doctor` does (tsx src/doctor/main.ts), with only the given environment. */
async function doctor(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  const run = await runNodeProcess({ cwd: ebsRoot, entry: "src/doctor/main.ts", args, env });
  return { code: run.code, out: run.output };
}

async function patchChannel(id: string, patch: Record<string, unknown>) {
  const res = await fetch(`${rigUrl}/rig/api/channels/${id}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(patch),
  });
  expect(res.status).toBe(200);
}

describe("the doctor command, run as a process against a rig process", () => {
  it("exits 0 after a test message the rig puts in chat", async () => {
    const run = await doctor(["chat", "--channel", DEV.channel, "--text", "hello from doctor"], devEnv());
    expect(run.out).toMatch(/ok: 204, the message was sent/);
    expect(run.code).toBe(0);
    const chat = (await (await fetch(`${rigUrl}/rig/api/channels/${DEV.channel}/chat`)).json()) as {
      messages: { text: string }[];
    };
    expect(chat.messages.map((m) => m.text)).toContain("hello from doctor");
  }, 30_000);

  it("exits 1 and gives the rig's diagnosis when the broadcaster withdrew chat permission", async () => {
    await patchChannel(DEV.channel, { chatGranted: false });
    try {
      const run = await doctor(["--", "chat", "--channel", DEV.channel], devEnv());
      expect(run.out).toMatch(/PROBLEM: Twitch answered 401/);
      expect(run.out).toMatch(/chat_not_granted/);
      expect(run.code).toBe(1);
    } finally {
      await patchChannel(DEV.channel, { chatGranted: true });
    }
  }, 30_000);

  it("exits 1 and names the version mismatch when the EBS's version is not the installed one", async () => {
    const run = await doctor(["chat", "--channel", DEV.channel], {
      ...devEnv(),
      TWITCH_EXTENSION_VERSION: "0.0.2",
    });
    expect(run.out).toMatch(/version_not_installed/);
    expect(run.code).toBe(1);
  }, 30_000);

  it("exits 1 on a configuration with the secrets swapped, naming both variables", async () => {
    const run = await doctor([], {
      ...devEnv(),
      TWITCH_EXTENSION_SECRET: DEV.clientSecret,
      TWITCH_CLIENT_SECRET: DEV.secretBase64,
    });
    expect(run.out).toMatch(/PROBLEM\s+TWITCH_EXTENSION_SECRET \/ TWITCH_CLIENT_SECRET are swapped/);
    expect(run.out).not.toContain(DEV.secretBase64);
    expect(run.code).toBe(1);
  }, 30_000);

  it("exits 0 on the development configuration", async () => {
    const run = await doctor([], devEnv());
    expect(run.out).toMatch(/No problem found/);
    expect(run.code).toBe(0);
  }, 30_000);

  it("explains a token signed with the raw secret and exits 1", async () => {
    const token = forgeJwt({
      header: { alg: "HS256", typ: "JWT" },
      payloadText: JSON.stringify({ exp: 4_000_000_000, user_id: DEV.ownerUserId, role: "external" }),
      key: Buffer.from(DEV.secretBase64, "utf8"),
    });
    const run = await doctor(["token", token], devEnv());
    expect(run.out).toMatch(/signed with the raw base64 text of secret #1/i);
    expect(run.code).toBe(1);
  }, 30_000);
});
