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
import { type ConnectionCounter, startConnectionCounter } from "./testing/connection-counter.ts";
import { FIRST_CHANNEL, type RigUnderTest, startRig } from "./testing/rig-under-test.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./testing/webhook-receiver.ts";

const RUNS = 200;
const CALLBACK_RUNS = 150;
/** Per request: a rig that holds a request this long has hung. */
const ANSWER_WITHIN_MS = 5000;
const { clientId, ownerUserId, version, clientSecret } = DEV_CONFIG.extension;
/** The webhook secret of the EventSub calls: never in an answer. */
const EVENTSUB_SECRET = "hostile-test-eventsub-secret";
/** This machine as the rig's rule names it: the only hosts it may post to in these tests. */
const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

let rig: RigUnderTest;
let port: number;
/** A good EBS's webhook, for the EventSub calls that are good. */
let hook: WebhookReceiver;
/** Counts connections to 127.0.0.1 that only a hostile callback would name. */
let trap: ConnectionCounter;
/** A subscription the good Delete and revoke calls name. */
let subscriptionId: string;
beforeAll(async () => {
  rig = await startRig({ eventSub: { timeoutMs: 1000, retryDelaysMs: [50] } });
  port = Number(new URL(rig.url).port);
  hook = await startWebhookReceiver();
  trap = await startConnectionCounter();
  const created = rig.state.eventsub.create({
    clientId,
    callback: `${hook.url}/first`,
    secret: EVENTSUB_SECRET,
  });
  if (!("created" in created)) throw new Error("the rig refused the first subscription");
  subscriptionId = created.created.id;
  rig.state.publish("eventsub", { action: "created", subscription: created.created });
});
afterAll(async () => {
  await rig.close();
  await hook.close();
  await trap.close();
});

const subscriptionBody = (callback: string) =>
  JSON.stringify({
    type: "extension.bits_transaction.create",
    version: "1",
    condition: { extension_client_id: clientId },
    transport: { method: "webhook", callback, secret: EVENTSUB_SECRET },
  });

/** Where the rig's outgoing deliveries went, from the request log (`EventSub <type> → <callback>`). */
async function deliveryHosts(): Promise<string[]> {
  const log = (await (await fetch(`${rig.url}/rig/api/log`)).json()) as {
    entries: { path: string; outgoing?: boolean }[];
  };
  return log.entries
    .filter((e) => e.outgoing)
    .map((e) => new URL(e.path.slice(e.path.indexOf("→ ") + 2)).hostname);
}

/**
 * Good calls to every path the rig serves except those that hand out tokens or secrets on purpose
 * (`/rig/api/tokens`, a good call of the Secrets API, a good client-credentials grant, a Bits purchase and its
 * receipt), the event stream and the fault switch (the test sets the faults itself). EventSub's calls name a
 * callback on this machine; hostile bodies may name any other, which the rig must refuse without connecting.
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
    {
      method: "POST",
      path: TWITCH.eventSubSubscriptionsPath,
      headers: [...appToken, ["Content-Type", "application/json"]],
      body: subscriptionBody(hook.url),
    },
    {
      method: "GET",
      path: `${TWITCH.eventSubSubscriptionsPath}?status=enabled&type=extension.bits_transaction.create`,
      headers: appToken,
      body: "",
    },
    {
      method: "DELETE",
      path: `${TWITCH.eventSubSubscriptionsPath}?id=${subscriptionId}`,
      headers: appToken,
      body: "",
    },
    {
      method: "POST",
      path: `/rig/api/eventsub/subscriptions/${subscriptionId}/revoke`,
      headers: json,
      body: JSON.stringify({ status: "user_removed" }),
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
  const secrets = [...rig.state.secrets.list().map((s) => s.content), clientSecret, EVENTSUB_SECRET];
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

/**
 * Callbacks the rig must refuse, built so none is this machine on http(s) without more: another host (IPv4,
 * IPv6 and names that only look local) on any port, or this machine with a user or password, another scheme,
 * or more than 2048 characters. Those that name 127.0.0.1's `trapPort` would reach the trap if connected.
 */
function hostileCallback(trapPort: number): fc.Arbitrary<string> {
  const scheme = fc.constantFrom("http", "https", "HTTPS");
  const otherHost = fc.constantFrom(
    "evil.example",
    "10.0.0.1",
    "169.254.169.254",
    "127.0.0.2",
    "0.0.0.0",
    "0",
    "2130706434",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "[::]",
    "[::2]",
    "[fe80::1]",
    "[2001:db8::1]",
    "localhost.evil.example",
    "127.0.0.1.nip.io",
  );
  const thisMachine = fc.constantFrom(...LOOPBACK);
  const anyPort = fc.oneof(
    fc.constant(`:${trapPort}`),
    fc.constantFrom("", ":0", ":22", ":443", ":8443", ":65535", ":99999", ":-1", ":0x50"),
    fc.integer({ min: 1, max: 65535 }).map((p) => `:${p}`),
  );
  const path = fc.string({ maxLength: 30 }).map((p) => `/${encodeURIComponent(p)}`);
  return fc.oneof(
    fc.tuple(scheme, otherHost, anyPort, path).map(([s, h, p, rest]) => `${s}://${h}${p}${rest}`),
    fc
      .tuple(scheme, fc.constantFrom("user:pw@", "user@", ":pw@", "a%40b:c@"), thisMachine, path)
      .map(([s, user, h, rest]) => `${s}://${user}${h}:${trapPort}${rest}`),
    fc
      .tuple(fc.constantFrom("ftp", "ws", "wss", "file", "gopher", "ssh", "javascript"), thisMachine, path)
      .map(([s, h, rest]) => `${s}://${h}:${trapPort}${rest}`),
    fc.tuple(scheme, thisMachine, fc.integer({ min: 2049, max: 20_000 })).map(([s, h, length]) => {
      const base = `${s}://${h}:${trapPort}/`;
      return base + "a".repeat(length - base.length);
    }),
  );
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
    const paths = new Set<string>();
    await fc.assert(
      fc.asyncProperty(hostileRequest(fc.constantFrom(...goodCalls())), async (request) => {
        seen.set(request.kind, (seen.get(request.kind) ?? 0) + 1);
        paths.add(request.path.split("?")[0] as string);
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
    expect(paths).toContain(TWITCH.eventSubSubscriptionsPath);
    expect(paths).toContain(`/rig/api/eventsub/subscriptions/${subscriptionId}/revoke`);
    const hosts = await deliveryHosts();
    expect(hosts.length).toBeGreaterThan(0);
    expect(hosts.filter((h) => !LOOPBACK.includes(h))).toEqual([]);
  });

  it(`refuse each of ${CALLBACK_RUNS} hostile EventSub callbacks with 400 and a diagnosis, connecting to none`, async () => {
    const before = (await deliveryHosts()).length;
    const appToken: [string, string][] = [
      ["Authorization", `Bearer ${rig.state.issueToken("app", 3600).token}`],
      ["Client-Id", clientId],
      ["Content-Type", "application/json"],
    ];
    await fc.assert(
      fc.asyncProperty(hostileCallback(trap.port), async (callback) => {
        const answer = await exchange(
          port,
          {
            method: "POST",
            path: TWITCH.eventSubSubscriptionsPath,
            headers: appToken,
            body: Buffer.from(subscriptionBody(callback)),
          },
          ANSWER_WITHIN_MS,
        );
        const label = callback.slice(0, 100);
        expect(answer.status, label).toBe(400);
        expect(answer.headers[DIAGNOSIS_HEADERS.code]?.[0], label).toMatch(
          /^eventsub_callback_(invalid|host_not_allowed)$/,
        );
        expect(answer.headers[DIAGNOSIS_HEADERS.message]?.[0], label).toBeTruthy();
        expect(leaksIn(answer, [EVENTSUB_SECRET]), label).toEqual([]);
      }),
      { numRuns: CALLBACK_RUNS },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(trap.count()).toBe(0);
    expect((await deliveryHosts()).length).toBe(before);
    const callbacks = rig.state.eventsub.list().map((s) => new URL(s.transport.callback).hostname);
    expect(callbacks.filter((h) => !LOOPBACK.includes(h))).toEqual([]);
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
      bitsEligible: true,
    });
    rig.advance(61_000);
    const state = await fetch(`${rig.url}/rig/api/state`);
    expect(state.status).toBe(200);
    const chat = goodCalls()[0] as BaseCall;
    const answer = await exchange(port, { ...chat, body: Buffer.from(chat.body) }, ANSWER_WITHIN_MS);
    expect(answer.status).toBe(204);
    expect(rig.state.chat(FIRST_CHANNEL).at(-1)?.text).toBe("hi");

    // EventSub too: a new subscription is verified and a purchase reaches it, signed.
    const appToken = [
      ["Authorization", `Bearer ${rig.state.issueToken("app", 3600).token}`],
      ["Client-Id", clientId],
    ] as [string, string][];
    for (const s of rig.state.eventsub.list()) {
      const path = `${TWITCH.eventSubSubscriptionsPath}?id=${s.id}`;
      const deleted = await exchange(
        port,
        { method: "DELETE", path, headers: appToken, body: Buffer.from("") },
        ANSWER_WITHIN_MS,
      );
      expect(deleted.status).toBe(204);
    }
    const received = hook.received.length;
    const created = await exchange(
      port,
      {
        method: "POST",
        path: TWITCH.eventSubSubscriptionsPath,
        headers: [...appToken, ["Content-Type", "application/json"]],
        body: Buffer.from(subscriptionBody(`${hook.url}/after`)),
      },
      ANSWER_WITHIN_MS,
    );
    expect(created.status).toBe(202);
    await hook.waitFor(received + 1);
    for (let i = 0; i < 100 && rig.state.eventsub.list()[0]?.status !== "enabled"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(rig.state.eventsub.list()[0]?.status).toBe("enabled");
    rig.state.bits.setBalance("51000001", 1000);
    const bought = await fetch(`${rig.url}/rig/api/bits/purchases`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ channelId: FIRST_CHANNEL, userId: "51000001", sku: "small-cheer" }),
    });
    expect(bought.status).toBe(201);
    const notification = (await hook.waitFor(received + 2)).at(-1);
    expect(notification?.headers["twitch-eventsub-message-type"]).toBe("notification");
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect("polluted" in Object.prototype).toBe(false);
  });
});
