import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { actionStatusPath, DEFAULT_BROADCASTER_SETTINGS, EBS_PATHS } from "@ext/shared";
import {
  buildBroadcasterClaims,
  buildViewerClaims,
  createSecretRing,
  signExtensionJwt,
} from "@ext/shared/server";
import supertest from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { parseConfig } from "../src/config.ts";
import type { ActionToQueue, DeliveryQueue } from "../src/delivery/delivery-queue.ts";
import type { AppDeps } from "../src/deps.ts";
import { createLogger } from "../src/logger.ts";
import { createHelixClient } from "../src/twitch/helix-client.ts";
import { CHANNEL_ID, type Harness, START, startHarness, VIEWER_ID } from "./support/harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("secret rotation", () => {
  it("accepts a viewer token signed with the older secret and signs chat with the first one", async () => {
    const current = randomBytes(32).toString("base64");
    const previous = randomBytes(32).toString("base64");
    h = await startHarness({
      secretBase64: current,
      env: { TWITCH_EXTENSION_SECRET: `${current},${previous}` },
    });
    const clock = () => START;
    const oldToken = signExtensionJwt(
      buildViewerClaims({ channelId: CHANNEL_ID, clock, viewer: { kind: "identified", userId: VIEWER_ID } }),
      createSecretRing(previous),
      clock,
    );
    const { final } = await h.act(oldToken);
    expect(final.status).toBe("sent");
    expect(h.fake.refusals).toEqual([]);
    expect(h.fake.accepted).toHaveLength(1);
  });
});

/** The EBS with an injected queue, listening on 127.0.0.1; `post` sends one identified viewer's hype. */
async function serveWithQueue(delivery: DeliveryQueue, extra: Partial<AppDeps> = {}) {
  const config = parseConfig({
    TWITCH_CLIENT_ID: "abc123clientid",
    TWITCH_EXTENSION_VERSION: "0.0.1",
    TWITCH_OWNER_ID: "90001",
    TWITCH_EXTENSION_SECRET: randomBytes(32).toString("base64"),
  });
  const app = createApp({
    config,
    clock: () => START,
    logger: createLogger({
      level: "silent",
      destination: new Writable({ write: (_c, _e, done) => done() }),
    }),
    // Nothing here may reach Twitch: the only Twitch is a port nothing listens on.
    helix: createHelixClient({ config: { ...config, apiBase: "http://127.0.0.1:9" }, clock: () => START }),
    delivery,
    ...extra,
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const claims = buildViewerClaims({
    channelId: "3003",
    clock: () => START,
    viewer: { kind: "identified", userId: "777" },
  });
  const token = signExtensionJwt(claims, config.secrets, () => START);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    claims,
    config,
    ebs: supertest(url),
    post: () =>
      supertest(url).post(EBS_PATHS.action).set("Authorization", `Bearer ${token}`).send({ action: "hype" }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function queueWith(enqueue: DeliveryQueue["enqueue"]): DeliveryQueue {
  return {
    accepting: true,
    enqueue,
    enqueueOnce: async (action) => ({ id: await enqueue(action), queued: true }),
    status: () => undefined,
    waitForChange: async () => undefined,
    drain: async () => ({ undelivered: 0 }),
    backlog: () => 0,
  };
}

describe("the delivery seam", () => {
  it("hands the verified channel and viewer to an injected queue instead of sending directly", async () => {
    const queued: ActionToQueue[] = [];
    const ebs = await serveWithQueue(
      queueWith((action) => {
        queued.push(action);
        return "action-1";
      }),
    );
    try {
      const res = await ebs.post();
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ status: "queued", actionId: "action-1", channelId: "3003" });
      expect(queued).toEqual([
        { kind: "hype", channelId: "3003", opaqueUserId: ebs.claims.opaque_user_id, userId: "777" },
      ]);
    } finally {
      await ebs.close();
    }
  });

  it("answers 503 with a retry when the queue's store (Redis) does not answer, not 500", async () => {
    const ebs = await serveWithQueue(queueWith(() => Promise.reject(new Error("Connection is closed."))));
    try {
      const res = await ebs.post();
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: "internal", retryAfterSeconds: 5 });
      expect(res.body.error.message).not.toContain("Connection is closed");
    } finally {
      await ebs.close();
    }
  });
});

describe("the one way in", () => {
  const foreignSecret = createSecretRing(randomBytes(32).toString("base64"));
  const broadcasterToken = (ring: ReturnType<typeof createSecretRing>) =>
    signExtensionJwt(buildBroadcasterClaims({ channelId: "3003", clock: () => START }), ring, () => START);

  it("asks for the secrets again from every authenticated route when a token matches no secret", async () => {
    let rereads = 0;
    const refreshed: string[] = [];
    const ebs = await serveWithQueue(
      queueWith(() => "never"),
      {
        onSignatureInvalid: () => rereads++,
        settings: {
          get: async () => ({ ...DEFAULT_BROADCASTER_SETTINGS }),
          refresh: async (channelId) => {
            refreshed.push(channelId);
            return { settings: { ...DEFAULT_BROADCASTER_SETTINGS }, saved: false, inUse: true };
          },
        },
      },
    );
    try {
      const foreign = `Bearer ${broadcasterToken(foreignSecret)}`;
      const answers = await Promise.all([
        ebs.ebs.post(EBS_PATHS.action).set("Authorization", foreign).send({ action: "hype" }),
        ebs.ebs.get(actionStatusPath("x")).set("Authorization", foreign),
        ebs.ebs.post(EBS_PATHS.settingsChanged).set("Authorization", foreign).send({}),
      ]);
      expect(answers.map((a) => [a.status, a.body.error?.code])).toEqual([
        [401, "signature_invalid"],
        [401, "signature_invalid"],
        [401, "signature_invalid"],
      ]);
      expect(rereads).toBe(3);
      expect(refreshed).toEqual([]);

      const own = await ebs.ebs
        .post(EBS_PATHS.settingsChanged)
        .set("Authorization", `Bearer ${broadcasterToken(ebs.config.secrets)}`)
        .send({});
      expect(own.status).toBe(200);
      expect(refreshed).toEqual(["3003"]);
    } finally {
      await ebs.close();
    }
  });

  it("checks the token and the role before reading the body: a viewer's oversized body is a 401, not a 413", async () => {
    const ebs = await serveWithQueue(
      queueWith(() => "never"),
      {
        settings: {
          get: async () => ({ ...DEFAULT_BROADCASTER_SETTINGS }),
          refresh: async () => ({ settings: { ...DEFAULT_BROADCASTER_SETTINGS }, saved: false, inUse: true }),
        },
      },
    );
    try {
      const viewer = signExtensionJwt(ebs.claims, ebs.config.secrets, () => START);
      const big = { content: "x".repeat(100_000) };
      const asViewer = await ebs.ebs
        .post(EBS_PATHS.settingsChanged)
        .set("Authorization", `Bearer ${viewer}`)
        .send(big);
      expect([asViewer.status, asViewer.body.error.code]).toEqual([401, "role_not_allowed"]);
      const asBroadcaster = await ebs.ebs
        .post(EBS_PATHS.settingsChanged)
        .set("Authorization", `Bearer ${broadcasterToken(ebs.config.secrets)}`)
        .send(big);
      expect([asBroadcaster.status, asBroadcaster.body.error.code]).toEqual([413, "body_invalid"]);
    } finally {
      await ebs.close();
    }
  });
});
