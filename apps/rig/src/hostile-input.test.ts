import { DIAGNOSIS_HEADERS, TWITCH } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import {
  buildBroadcasterClaims,
  buildExternalChatClaims,
  buildExternalPubSubClaims,
  buildExternalServiceClaims,
  buildViewerClaims,
  signExtensionJwt,
} from "@ext/shared/server";
import {
  type BaseCall,
  type HostileKind,
  type HostileRequest,
  hostileKinds,
  hostileRequest,
  isNodeParserRefusal,
  leaksIn,
} from "@ext/test-kit/hostile-requests";
import { exchange, type RawAnswer } from "@ext/test-kit/raw-http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIRST_CHANNEL, type RigUnderTest, startRig } from "./testing/rig-under-test.ts";

const RUNS = 200;
/** Per request: a rig that holds a request this long has hung. */
const ANSWER_WITHIN_MS = 5000;
const { clientId, ownerUserId, version, clientSecret } = DEV_CONFIG.extension;

let rig: RigUnderTest;
let port: number;
beforeAll(async () => {
  rig = await startRig();
  port = Number(new URL(rig.url).port);
});
afterAll(async () => {
  await rig.close();
});

/**
 * Good calls to every path the rig serves except those that hand out tokens or secrets on purpose
 * (`/rig/api/tokens`, a good call of the Secrets API, a good client-credentials grant, a Bits purchase and its
 * receipt), the event stream, the fault switch (the test sets the faults itself) and EventSub subscriptions.
 */
function goodCalls(): BaseCall[] {
  const ring = rig.state.secrets.ring();
  const sign = (claims: object) => signExtensionJwt(claims as never, ring, rig.now);
  const helix = (jwt: string): [string, string][] => [
    ["Authorization", `Bearer ${jwt}`],
    ["Client-Id", clientId],
    ["Content-Type", "application/json"],
  ];
  const json: [string, string][] = [["Content-Type", "application/json"]];
  // EventSub subscriptions are left out: a hostile body could name a callback off this machine.
  const appToken: [string, string][] = [
    ["Authorization", `Bearer ${rig.state.issueToken("app", 3600).token}`],
    ["Client-Id", clientId],
  ];
  const external = { ownerUserId, channelId: FIRST_CHANNEL, clock: rig.now, ttlSeconds: 3600 };
  const broadcasterToken = sign(buildBroadcasterClaims({ channelId: FIRST_CHANNEL, clock: rig.now }));
  const viewerToken = sign(
    buildViewerClaims({
      channelId: FIRST_CHANNEL,
      clock: rig.now,
      viewer: { kind: "logged-out", sessionId: "s1" },
    }),
  );
  return [
    {
      method: "POST",
      path: `${TWITCH.chatPath}?broadcaster_id=${FIRST_CHANNEL}`,
      headers: helix(sign(buildExternalChatClaims(external))),
      body: JSON.stringify({ text: "hi", extension_id: clientId, extension_version: version }),
    },
    {
      method: "POST",
      path: TWITCH.pubsubPath,
      headers: helix(sign(buildExternalPubSubClaims(external))),
      body: JSON.stringify({ target: ["broadcast"], broadcaster_id: FIRST_CHANNEL, message: "hi" }),
    },
    {
      method: "PUT",
      path: TWITCH.configurationsPath,
      headers: helix(sign(buildExternalServiceClaims({ ownerUserId, clock: rig.now, ttlSeconds: 3600 }))),
      body: JSON.stringify({
        extension_id: clientId,
        segment: "broadcaster",
        broadcaster_id: FIRST_CHANNEL,
        version: "1",
        content: "{}",
      }),
    },
    {
      method: "PUT",
      path: `${TWITCH.requiredConfigurationPath}?broadcaster_id=${FIRST_CHANNEL}`,
      headers: helix(sign(buildExternalServiceClaims({ ownerUserId, clock: rig.now, ttlSeconds: 3600 }))),
      body: JSON.stringify({
        extension_id: clientId,
        extension_version: version,
        required_configuration: DEV_CONFIG.extension.requiredConfiguration ?? "x",
      }),
    },
    {
      method: "GET",
      path: `${TWITCH.usersPath}?id=${FIRST_CHANNEL}`,
      headers: [
        ["Authorization", `Bearer ${rig.state.issueToken("app", 3600).token}`],
        ["Client-Id", clientId],
      ],
      body: "",
    },
    {
      method: "GET",
      path: `${TWITCH.streamsPath}?user_id=${FIRST_CHANNEL}&first=5`,
      headers: [
        ["Authorization", `Bearer ${rig.state.issueToken("app", 3600).token}`],
        ["Client-Id", clientId],
      ],
      body: "",
    },
    {
      method: "POST",
      path: `${TWITCH.secretsPath}?extension_id=${clientId}`,
      headers: helix(viewerToken),
      body: "",
    },
    {
      method: "POST",
      path: TWITCH.oauthTokenPath,
      headers: [["Content-Type", "application/x-www-form-urlencoded"]],
      body: `client_id=${clientId}&client_secret=${clientSecret}&grant_type=authorization_code`,
    },
    {
      method: "POST",
      path: "/rig/api/pubsub/send",
      headers: json,
      body: JSON.stringify({ token: broadcasterToken, target: "broadcast", message: { n: 1 } }),
    },
    {
      method: "PUT",
      path: `/rig/api/channels/${FIRST_CHANNEL}/configuration`,
      headers: json,
      body: JSON.stringify({ token: broadcasterToken, segment: "broadcaster", version: "1", content: "{}" }),
    },
    {
      method: "PATCH",
      path: `/rig/api/channels/${FIRST_CHANNEL}`,
      headers: json,
      body: JSON.stringify({ activated: true, live: true }),
    },
    {
      method: "PATCH",
      path: "/rig/api/extension",
      headers: json,
      body: JSON.stringify({ chatCapability: true }),
    },
    {
      method: "POST",
      path: "/rig/api/channels",
      headers: json,
      body: JSON.stringify({ id: "99000001", login: "hostile", displayName: "Hostile" }),
    },
    {
      method: "PATCH",
      path: `/rig/api/channels/${FIRST_CHANNEL}/context`,
      headers: json,
      body: JSON.stringify({ context: { language: "de" }, query: { language: "ja" } }),
    },
    {
      method: "POST",
      path: `/rig/api/channels/${FIRST_CHANNEL}/context/events`,
      headers: json,
      body: JSON.stringify({ event: "highlight", isHighlighted: true }),
    },
    {
      method: "PUT",
      path: TWITCH.bitsProductsPath,
      headers: [...appToken, ["Content-Type", "application/json"]],
      body: JSON.stringify({ sku: "hostile.1", cost: { amount: 5, type: "bits" }, display_name: "Hostile" }),
    },
    {
      method: "GET",
      path: `${TWITCH.extensionTransactionsPath}?extension_id=${clientId}&first=5`,
      headers: appToken,
      body: "",
    },
    {
      method: "PUT",
      path: "/rig/api/bits/balances/51000001",
      headers: json,
      body: JSON.stringify({ balance: 10 }),
    },
    { method: "POST", path: "/rig/api/secrets/rotate", headers: json, body: "{}" },
    { method: "GET", path: "/rig/api/state", headers: [], body: "" },
    { method: "GET", path: "/rig/api/log", headers: [], body: "" },
  ];
}

const isTwitchPath = (path: string) => /^\/(helix|oauth2|extensions)(\/|\?|$)/.test(path);

/** A 5xx the rig answers on purpose, as Twitch does: an injected fault, or Twitch's 500 for a Client-Id mismatch. */
function isDeliberate5xx(answer: RawAnswer): boolean {
  const fault = answer.headers["x-rig-fault"]?.[0];
  if (fault === String(answer.status)) return true;
  return answer.status === 500 && answer.headers[DIAGNOSIS_HEADERS.code]?.[0] === "client_id_mismatch";
}

/** What is wrong with the rig's answer to a hostile request; empty when nothing is. */
function problems(request: HostileRequest, answer: RawAnswer): string[] {
  const found: string[] = [];
  if (answer.status >= 500 && !isDeliberate5xx(answer))
    found.push(`answered ${answer.status}: ${answer.body}`);
  const secrets = [...rig.state.secrets.list().map((s) => s.content), clientSecret];
  found.push(...leaksIn(answer, secrets));
  if (answer.status >= 400 && answer.status < 500 && !isNodeParserRefusal(answer)) {
    let message: unknown;
    try {
      const body = JSON.parse(answer.body) as { message?: unknown; error?: { message?: unknown } };
      message = body.error?.message ?? body.message;
    } catch {
      message = undefined;
    }
    if (typeof message !== "string" || message.length === 0) found.push(`a ${answer.status} with no message`);
    const notMocked = answer.status === 404 && /is not mocked by the rig/.test(String(message));
    if (isTwitchPath(request.path) && !notMocked && !answer.headers[DIAGNOSIS_HEADERS.message]?.[0]) {
      found.push(`a ${answer.status} on Twitch's path without a diagnosis`);
    }
  }
  if ("polluted" in {}) found.push("Object.prototype was polluted");
  return found;
}

describe("hostile requests to the rig", () => {
  it(`answer each of ${RUNS} with a 4xx and a sentence (or a deliberate Twitch 5xx), in time, leaking nothing`, async () => {
    const faults = await fetch(`${rig.url}/rig/api/faults`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ chatFailureRate: 0.2, kinds: ["500", "503"] }),
    });
    expect(faults.status).toBe(200);
    const seen = new Map<HostileKind, number>();
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(hostileRequest(fc.constantFrom(...goodCalls())), async (request) => {
        seen.set(request.kind, (seen.get(request.kind) ?? 0) + 1);
        const answer = await exchange(port, request, ANSWER_WITHIN_MS);
        statuses.add(answer.status);
        expect(
          problems(request, answer),
          `${request.kind}: ${request.label} to ${request.method} ${request.path.slice(0, 80)}`,
        ).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    for (const kind of hostileKinds) expect(seen.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(3);
    expect([...statuses].some((s) => s >= 400 && s < 500)).toBe(true);
  });

  it("still answers afterwards, and posts a good chat call once the faults are off", async () => {
    await fetch(`${rig.url}/rig/api/faults`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ chatFailureRate: 0 }),
    });
    rig.state.setChatCapability(true);
    rig.state.updateChannel(FIRST_CHANNEL, {
      installedVersion: version,
      activated: true,
      versionState: "released",
      chatGranted: true,
      requiredConfigurationMet: true,
    });
    rig.advance(61_000);
    const state = await fetch(`${rig.url}/rig/api/state`);
    expect(state.status).toBe(200);
    const chat = goodCalls()[0] as BaseCall;
    const answer = await exchange(port, { ...chat, body: Buffer.from(chat.body) }, ANSWER_WITHIN_MS);
    expect(answer.status).toBe(204);
    expect(rig.state.chat(FIRST_CHANNEL).at(-1)?.text).toBe("hi");
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect("polluted" in Object.prototype).toBe(false);
  });
});
