import { DIAGNOSIS_HEADERS, helixErrorBodySchema } from "@ext/shared";
import { buildExternalChatClaims, signExtensionJwt } from "@ext/shared/server";
import { classicChatMistakes, correctChatCall } from "@ext/shared/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  devFixture,
  FIRST_CHANNEL,
  type RigUnderTest,
  sendChatCall,
  startRig,
} from "../testing/rig-under-test.ts";

let rig: RigUnderTest;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

async function logEntries() {
  const res = await fetch(`${rig.url}/rig/api/log`);
  return (
    (await res.json()) as { entries: { status: number; code?: string; diagnosis?: string; path: string }[] }
  ).entries;
}

async function chatOf(channelId: string) {
  const res = await fetch(`${rig.url}/rig/api/channels/${channelId}/chat`);
  return ((await res.json()) as { messages: { text: string; sender: string; channelId: string }[] }).messages;
}

function patchChannel(id: string, patch: Record<string, unknown>) {
  return fetch(`${rig.url}/rig/api/channels/${id}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(patch),
  });
}

describe("POST /helix/extensions/chat", () => {
  it("posts a correct call to the channel's chat under the extension's name and answers 204", async () => {
    const res = await sendChatCall(rig.url, correctChatCall(rig.fixture, "Ana sent some hype!"));
    expect(res.status).toBe(204);
    expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBeNull();
    expect(await chatOf(FIRST_CHANNEL)).toEqual([
      expect.objectContaining({
        text: "Ana sent some hype!",
        sender: "Hype Button",
        channelId: FIRST_CHANNEL,
      }),
    ]);
    const [entry] = await logEntries();
    expect(entry).toMatchObject({
      status: 204,
      path: `/helix/extensions/chat?broadcaster_id=${FIRST_CHANNEL}`,
    });
    expect(entry?.code).toBeUndefined();
  });

  it("accepts a call signed by the shared signer and sent with the shared request builder's shape", async () => {
    const claims = buildExternalChatClaims({
      ownerUserId: rig.fixture.ownerUserId,
      channelId: FIRST_CHANNEL,
      clock: rig.now,
    });
    const token = signExtensionJwt(claims, rig.state.secrets.ring(), rig.now);
    const res = await sendChatCall(rig.url, {
      ...correctChatCall(rig.fixture),
      authorization: `Bearer ${token}`,
    });
    expect(res.status).toBe(204);
  });

  for (const mistake of classicChatMistakes(devFixture())) {
    it(`refuses "${mistake.name}" with ${mistake.status}, a Helix body and the ${mistake.code} diagnosis`, async () => {
      const res = await sendChatCall(rig.url, mistake.call);
      expect(res.status).toBe(mistake.status);
      const body = helixErrorBodySchema.parse(await res.json());
      expect(body.status).toBe(mistake.status);
      expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe(mistake.code);
      expect(res.headers.get(DIAGNOSIS_HEADERS.message)?.length).toBeGreaterThan(20);
      expect(res.headers.get("Ratelimit-Limit")).toBe("12");
      const entries = await logEntries();
      expect(entries.at(-1)).toMatchObject({ status: mistake.status, code: mistake.code });
      expect(entries.at(-1)?.diagnosis).toBeTruthy();
      expect(await chatOf(FIRST_CHANNEL)).toEqual([]);
    });
  }

  const channelCauses: [string, Record<string, unknown>, string, number][] = [
    ["the extension is not installed", { installedVersion: null }, "extension_not_installed", 404],
    ["the version is installed but not activated", { activated: false }, "extension_not_activated", 404],
    ["another version is installed", { installedVersion: "0.0.2" }, "version_not_installed", 404],
    ["the version is still in Local Test", { versionState: "testing" }, "version_in_test", 401],
    ["the broadcaster has not granted chat", { chatGranted: false }, "chat_not_granted", 401],
    [
      "the required configuration is not met",
      { requiredConfigurationMet: false },
      "required_configuration_missing",
      401,
    ],
  ];
  for (const [name, patch, code, status] of channelCauses) {
    it(`refuses with ${status} ${code} when ${name}`, async () => {
      expect((await patchChannel(FIRST_CHANNEL, patch)).status).toBe(200);
      const res = await sendChatCall(rig.url, correctChatCall(rig.fixture));
      expect(res.status).toBe(status);
      expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe(code);
      expect(helixErrorBodySchema.parse(await res.json()).status).toBe(status);
      expect((await logEntries()).at(-1)).toMatchObject({ status, code });
    });
  }

  it("refuses with 401 chat_capability_off when the extension's chat capability is off", async () => {
    await fetch(`${rig.url}/rig/api/extension`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ chatCapability: false }),
    });
    const res = await sendChatCall(rig.url, correctChatCall(rig.fixture));
    expect(res.status).toBe(401);
    expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe("chat_capability_off");
  });

  it("refuses with 404 broadcaster_unknown for a channel the rig does not know", async () => {
    const res = await sendChatCall(rig.url, correctChatCall({ ...rig.fixture, broadcasterId: "77777777" }));
    expect(res.status).toBe(404);
    expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe("broadcaster_unknown");
    expect(await res.json()).toEqual({
      error: "Not Found",
      status: 404,
      message: "The record was not found",
    });
  });

  it("works again after the developer fixes the channel state", async () => {
    await patchChannel(FIRST_CHANNEL, { chatGranted: false });
    expect((await sendChatCall(rig.url, correctChatCall(rig.fixture))).status).toBe(401);
    await patchChannel(FIRST_CHANNEL, { chatGranted: true });
    expect((await sendChatCall(rig.url, correctChatCall(rig.fixture))).status).toBe(204);
  });

  it("answers the 13th message in a minute with 429 and Ratelimit headers whose reset is in the future", async () => {
    for (let i = 1; i <= 12; i++) {
      const res = await sendChatCall(rig.url, correctChatCall(rig.fixture, `message ${i}`));
      expect(res.status).toBe(204);
      expect(res.headers.get("Ratelimit-Remaining")).toBe(String(12 - i));
    }
    rig.advance(30_000);
    const res = await sendChatCall(rig.url, correctChatCall(rig.fixture, "message 13"));
    expect(res.status).toBe(429);
    expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe("rate_limited");
    expect(await res.json()).toMatchObject({ error: "Too Many Requests", status: 429 });
    expect(res.headers.get("Ratelimit-Limit")).toBe("12");
    expect(res.headers.get("Ratelimit-Remaining")).toBe("0");
    const reset = Number(res.headers.get("Ratelimit-Reset"));
    expect(reset).toBeGreaterThan(rig.now() / 1000);
    expect(await chatOf(FIRST_CHANNEL)).toHaveLength(12);

    rig.advance(31_000);
    const later = await sendChatCall(rig.url, correctChatCall(rig.fixture, "after the reset"));
    expect(later.status).toBe(204);
  });

  it("counts the limit per channel", async () => {
    await patchChannel("41000002", { activated: true, chatGranted: true });
    for (let i = 0; i < 12; i++) await sendChatCall(rig.url, correctChatCall(rig.fixture, `m${i}`));
    const other = await sendChatCall(rig.url, correctChatCall({ ...rig.fixture, broadcasterId: "41000002" }));
    expect(other.status).toBe(204);
  });

  it("accepts broadcaster_id as a string in the body and notes that the reference documents the query", async () => {
    const good = correctChatCall(rig.fixture, "from the body");
    const res = await sendChatCall(rig.url, {
      ...good,
      queryBroadcasterId: undefined,
      body: { ...(good.body as object), broadcaster_id: FIRST_CHANNEL },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("x-rig-note")).toMatch(/query string/);
    expect((await chatOf(FIRST_CHANNEL)).map((m) => m.text)).toEqual(["from the body"]);
  });

  it("keeps diagnosis headers ASCII while the log keeps the full sentence", async () => {
    await patchChannel(FIRST_CHANNEL, { chatGranted: false });
    const res = await sendChatCall(rig.url, correctChatCall(rig.fixture));
    const header = res.headers.get(DIAGNOSIS_HEADERS.message) ?? "";
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(header).toContain("Creator Dashboard -> Extensions -> Permissions");
    expect((await logEntries()).at(-1)?.diagnosis).toContain("Creator Dashboard → Extensions → Permissions");
  });
});

describe("the request log", () => {
  it("never holds the Authorization header, the JWT or the extension secret", async () => {
    const good = correctChatCall(rig.fixture);
    await sendChatCall(rig.url, good);
    for (const mistake of classicChatMistakes(devFixture()).slice(0, 10))
      await sendChatCall(rig.url, mistake.call);
    const text = JSON.stringify(await logEntries());
    const jwt = good.authorization?.replace("Bearer ", "") as string;
    expect(text).not.toContain(jwt);
    expect(text).not.toContain(jwt.split(".")[2] as string);
    expect(text).not.toMatch(/Bearer ey/);
    expect(text).not.toContain(rig.fixture.clientSecret);
    expect(text).not.toContain(rig.fixture.secretBase64);
    expect(JSON.parse(text)).toHaveLength(11);
  });

  it("keeps only the newest 500 entries", async () => {
    for (let i = 0; i < 510; i++)
      rig.state.record({ method: "GET", path: `/helix/users?id=${i}`, status: 401 });
    const entries = await logEntries();
    expect(entries).toHaveLength(500);
    expect(entries.at(-1)?.path).toBe("/helix/users?id=509");
    expect(entries[0]?.path).toBe("/helix/users?id=10");
  });
});

describe("the removed v5 chat path", () => {
  it("answers 404 with a Helix body and a diagnosis pointing to the Helix call", async () => {
    const res = await fetch(
      `${rig.url}/extensions/${rig.fixture.clientId}/0.0.1/channels/${FIRST_CHANNEL}/chat`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: "hi" }),
      },
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Not Found", status: 404, message: "The v5 API is shut down" });
    expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe("endpoint_removed");
    expect(res.headers.get(DIAGNOSIS_HEADERS.message)).toContain(
      `POST /helix/extensions/chat?broadcaster_id=${FIRST_CHANNEL}`,
    );
    expect((await logEntries()).at(-1)).toMatchObject({ status: 404, code: "endpoint_removed" });
  });
});
