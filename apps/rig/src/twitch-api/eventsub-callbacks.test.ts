import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DIAGNOSIS_HEADERS, decodeDiagnosisHeader } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { afterEach, describe, expect, it } from "vitest";
import type { EventSubDeliveryOptions } from "../eventsub/deliveries.ts";
import { ENDED_SUBSCRIPTIONS_KEPT, MAX_LIVE_SUBSCRIPTIONS } from "../state/eventsub-state.ts";
import { type ConnectionCounter, startConnectionCounter } from "../testing/connection-counter.ts";
import { FIRST_CHANNEL, type RigUnderTest, startRig } from "../testing/rig-under-test.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver.ts";

const { clientId } = DEV_CONFIG.extension;
const SECRET = "a-secret-of-the-ebs";
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function rigWith(
  options: { eventSub?: EventSubDeliveryOptions; eventSubHosts?: string[] } = {},
): Promise<RigUnderTest> {
  const rig = await startRig({ eventSub: { timeoutMs: 1000, ...options.eventSub }, ...options });
  cleanup.push(() => rig.close());
  return rig;
}

async function counter(): Promise<ConnectionCounter> {
  const c = await startConnectionCounter();
  cleanup.push(() => c.close());
  return c;
}

async function receiver(): Promise<WebhookReceiver> {
  const hook = await startWebhookReceiver();
  cleanup.push(() => hook.close());
  return hook;
}

function helix(rig: RigUnderTest, path: string, init: RequestInit = {}) {
  const token = rig.state.issueToken("app", 3600).token;
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, "Client-Id": clientId };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(`${rig.url}${path}`, { ...init, headers });
}

async function subscribe(rig: RigUnderTest, callback: string) {
  const res = await helix(rig, "/helix/eventsub/subscriptions", {
    method: "POST",
    body: JSON.stringify({
      type: "extension.bits_transaction.create",
      version: "1",
      condition: { extension_client_id: clientId },
      transport: { method: "webhook", callback, secret: SECRET },
    }),
  });
  const body = (await res.json()) as { data?: { id: string }[]; message?: string };
  return {
    status: res.status,
    code: res.headers.get(DIAGNOSIS_HEADERS.code),
    diagnosis: decodeDiagnosisHeader(res.headers.get(DIAGNOSIS_HEADERS.message) ?? undefined) ?? "",
    message: body.message,
    id: body.data?.[0]?.id,
  };
}

type Listed = { total: number; data: { id: string; status: string }[] };
const list = async (rig: RigUnderTest) =>
  (await (await helix(rig, "/helix/eventsub/subscriptions")).json()) as Listed;

type Log = {
  entries: { method: string; path: string; status: number; outgoing?: boolean; diagnosis?: string }[];
};
const logOf = async (rig: RigUnderTest) =>
  ((await (await fetch(`${rig.url}/rig/api/log`)).json()) as Log).entries;

async function until(check: () => Promise<boolean>, what: string, tries = 150): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

const statusOf = async (rig: RigUnderTest, id: string) =>
  (await list(rig)).data.find((s) => s.id === id)?.status;

/** Callbacks no rig may post to; those on 127.0.0.1's port `port` would reach the counter if they connected. */
function hostileCallbacks(port: number): string[] {
  return [
    `http://evil.example:${port}/eventsub`,
    "https://evil.example/eventsub",
    "https://169.254.169.254/latest/meta-data",
    `http://10.0.0.1:${port}/`,
    `http://127.0.0.2:${port}/`,
    `http://0.0.0.0:${port}/`,
    `http://0:${port}/`,
    `http://2130706434:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://[::ffff:7f00:1]:${port}/`,
    `http://[::]:${port}/`,
    `http://[fe80::1]:${port}/`,
    `http://[::2]:${port}/`,
    `http://localhost.evil.example:${port}/`,
    `http://127.0.0.1.nip.io:${port}/`,
    `http://evil.example\\@127.0.0.1:${port}/`,
    `http://user:pw@127.0.0.1:${port}/`,
    `http://user@localhost:${port}/`,
    `ftp://127.0.0.1:${port}/`,
    `ws://127.0.0.1:${port}/`,
    `gopher://127.0.0.1:${port}/`,
    "file:///etc/passwd",
    "javascript:alert(1)",
    "data:text/plain,hi",
    `//127.0.0.1:${port}/`,
    `127.0.0.1:${port}/eventsub`,
    `http://127.0.0.1:${port}/${"a".repeat(3000)}`,
    "https://evil.example:8443/",
    "https://evil.example:0/",
    "http://127.0.0.1:99999/",
    "",
  ];
}

describe("EventSub callbacks the rig refuses", () => {
  it("refuses each hostile callback with 400 and a diagnosis, and never opens a connection for it", async () => {
    const rig = await rigWith();
    const target = await counter();
    for (const callback of hostileCallbacks(target.port)) {
      const answer = await subscribe(rig, callback);
      expect(answer.status, callback.slice(0, 80)).toBe(400);
      expect(["eventsub_callback_invalid", "eventsub_callback_host_not_allowed"]).toContain(answer.code);
      expect(answer.diagnosis.length, callback.slice(0, 80)).toBeGreaterThan(20);
      expect(answer.diagnosis).not.toContain("pw@");
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(target.count()).toBe(0);
    expect((await list(rig)).total).toBe(0);
    expect((await logOf(rig)).filter((e) => e.outgoing)).toEqual([]);
  });

  it("answers Twitch's message for a callback that is not https on 443, and the rig's way to opt in a host", async () => {
    const rig = await rigWith();
    const http = await subscribe(rig, "http://ebs.example.com/eventsub");
    expect(http.message).toBe(
      "callback must provide valid https callback with standard port in creation request",
    );
    const host = await subscribe(rig, "https://my-tunnel.example.com/eventsub");
    expect([host.status, host.code]).toEqual([400, "eventsub_callback_host_not_allowed"]);
    expect(host.diagnosis).toMatch(/RIG_EVENTSUB_HOSTS=my-tunnel\.example\.com/);
  });

  it("posts to a host listed in RIG_EVENTSUB_HOSTS, on Twitch's terms only", async () => {
    // 127.0.0.2 is not this machine's name for itself, so it must be listed; nothing listens on its port 443.
    const rig = await rigWith({ eventSubHosts: ["127.0.0.2"] });
    const listed = await subscribe(rig, "https://127.0.0.2/eventsub");
    expect(listed.status).toBe(202);
    await until(
      async () => (await statusOf(rig, listed.id as string)) === "webhook_callback_verification_failed",
      "the listed host's verification to fail",
    );
    const outgoing = (await logOf(rig)).filter((e) => e.outgoing);
    expect(outgoing.map((e) => e.path)).toEqual([
      "EventSub webhook_callback_verification → https://127.0.0.2/eventsub",
    ]);
    expect((await subscribe(rig, "http://127.0.0.2/eventsub")).code).toBe("eventsub_callback_invalid");
    expect((await subscribe(rig, "https://127.0.0.3/eventsub")).code).toBe(
      "eventsub_callback_host_not_allowed",
    );
  });

  it("re-judges every delivery: a stored callback the rule refuses is never connected to", async () => {
    const rig = await rigWith();
    const target = await counter();
    const result = rig.state.eventsub.create({
      clientId,
      callback: `http://[::ffff:127.0.0.1]:${target.port}/eventsub`,
      secret: SECRET,
    });
    if (!("created" in result)) throw new Error("the state refused the subscription");
    rig.state.publish("eventsub", { action: "created", subscription: result.created });
    await until(
      async () => (await statusOf(rig, result.created.id)) === "webhook_callback_verification_failed",
      "verification to fail",
    );
    const [entry] = (await logOf(rig)).filter((e) => e.outgoing);
    expect(entry?.status).toBe(0);
    expect(entry?.diagnosis).toMatch(/not sent/);
    expect(target.count()).toBe(0);
  });
});

describe("EventSub callbacks on this machine", () => {
  it("accepts http on a loopback port, saying in the log and the rig API that Twitch requires https on 443", async () => {
    const rig = await rigWith();
    const hook = await receiver();
    const created = await subscribe(rig, hook.url);
    expect(created.status).toBe(202);
    expect(created.code).toBeNull();
    await until(async () => (await statusOf(rig, created.id as string)) === "enabled", "enabled");
    const post = (await logOf(rig)).find(
      (e) => e.method === "POST" && e.path === "/helix/eventsub/subscriptions",
    );
    expect(post).toMatchObject({
      status: 202,
      diagnosis: expect.stringMatching(/Twitch requires https on port 443/),
    });
    const bits = (await (await fetch(`${rig.url}/rig/api/bits`)).json()) as {
      subscriptions: { id: string; warning?: string }[];
    };
    expect(bits.subscriptions[0]?.warning).toMatch(/would refuse this callback/);
    expect(JSON.stringify(bits)).not.toContain(SECRET);
  });

  it(`holds at most ${MAX_LIVE_SUBSCRIPTIONS} live subscriptions (429 in Twitch's words), and forgets old ended ones`, async () => {
    const rig = await rigWith();
    const hook = await receiver();
    const ids: string[] = [];
    for (let i = 0; i < MAX_LIVE_SUBSCRIPTIONS; i++) {
      const created = await subscribe(rig, `${hook.url}/${i}`);
      expect(created.status).toBe(202);
      ids.push(created.id as string);
    }
    const over = await subscribe(rig, `${hook.url}/over`);
    expect([over.status, over.code]).toEqual([429, "eventsub_subscription_limit"]);
    expect(over.message).toBe(
      "The request exceeds the number of subscriptions that you may create with the same combination of type and condition values",
    );
    expect(over.diagnosis).toMatch(/DELETE \/helix\/eventsub\/subscriptions/);
    expect(
      (await helix(rig, `/helix/eventsub/subscriptions?id=${ids[0]}`, { method: "DELETE" })).status,
    ).toBe(204);
    expect((await subscribe(rig, `${hook.url}/over`)).status).toBe(202);
    for (const id of (await list(rig)).data.map((s) => s.id)) {
      await helix(rig, `/helix/eventsub/subscriptions?id=${id}`, { method: "DELETE" });
    }

    // Nothing listens on port 1: each verification fails at once and the subscription ends.
    for (let i = 0; i < ENDED_SUBSCRIPTIONS_KEPT + 5; i++) {
      const created = await subscribe(rig, `http://127.0.0.1:1/gone-${i}`);
      expect(created.status).toBe(202);
      await until(
        async () => (await statusOf(rig, created.id as string)) === "webhook_callback_verification_failed",
        "verification to fail",
      );
    }
    expect((await list(rig)).total).toBe(ENDED_SUBSCRIPTIONS_KEPT + 1);
  });

  it("gives up on a callback that never answers within the timeout, and keeps answering meanwhile", async () => {
    const rig = await rigWith({ eventSub: { timeoutMs: 300 } });
    const hanging = await counter();
    const created = await subscribe(rig, `http://127.0.0.1:${hanging.port}/eventsub`);
    const started = Date.now();
    const listed = await list(rig);
    expect(Date.now() - started).toBeLessThan(250);
    expect(listed.data[0]?.status).toBe("webhook_callback_verification_pending");
    await until(
      async () => (await statusOf(rig, created.id as string)) === "webhook_callback_verification_failed",
      "the timeout",
    );
    // This rig sent the challenge once (its own log); the counter may also see a stray connection from an
    // earlier test's rig retrying to a port the system handed out again.
    expect(hanging.count()).toBeGreaterThanOrEqual(1);
    const outgoing = (await logOf(rig)).filter((e) => e.outgoing);
    expect(outgoing).toHaveLength(1);
    expect(outgoing[0]?.diagnosis).toMatch(/did not answer \(no answer within 300 ms\)/);
  });

  it("reads only the start of a huge answer and drops the connection", async () => {
    const rig = await rigWith({ eventSub: { timeoutMs: 3000 } });
    const total = 32 * 1024 * 1024;
    let written = 0;
    let closed = false;
    const server: Server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "Content-Type": "text/plain" });
      const chunk = Buffer.alloc(64 * 1024, "x");
      const pump = () => {
        while (written < total && !closed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        if (!closed) res.end();
      };
      res.on("close", () => {
        closed = true;
      });
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanup.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const port = (server.address() as AddressInfo).port;
    const created = await subscribe(rig, `http://127.0.0.1:${port}/eventsub`);
    await until(
      async () => (await statusOf(rig, created.id as string)) === "webhook_callback_verification_failed",
      "verification to fail",
    );
    await until(async () => closed, "the connection to close");
    expect(written).toBeLessThan(total);
    const [entry] = (await logOf(rig)).filter((e) => e.outgoing);
    expect(entry?.diagnosis).toMatch(/not with the challenge/);
  });

  it("sends at most maxInFlightPerSubscription notifications to a callback that hangs, counting the rest as failed", async () => {
    const rig = await rigWith({
      eventSub: {
        timeoutMs: 2000,
        retryDelaysMs: [],
        maxInFlightPerSubscription: 2,
        failuresBeforeRevocation: 5,
      },
    });
    const hanging = await counter();
    // Enabled without a challenge (none is published), so every connection the counter sees is a notification.
    const result = rig.state.eventsub.create({
      clientId,
      callback: `http://127.0.0.1:${hanging.port}/eventsub`,
      secret: SECRET,
    });
    if (!("created" in result)) throw new Error("the state refused the subscription");
    rig.state.eventsub.setStatus(result.created.id, "enabled");
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${rig.url}/rig/api/bits/purchases`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ channelId: FIRST_CHANNEL, userId: "51000001", sku: "small-cheer" }),
      });
      expect(res.status).toBe(201);
    }
    await until(async () => hanging.count() === 2, "two notifications to hang");
    const notSent = (await logOf(rig)).filter((e) => e.outgoing && e.diagnosis?.startsWith("Not sent"));
    expect(notSent).toHaveLength(1);
    expect(notSent[0]?.diagnosis).toMatch(/2 notifications to this callback are still waiting/);
    expect(hanging.count()).toBe(2);
    expect(rig.state.eventsub.get(result.created.id)?.failuresInARow).toBe(1);
  });
});
