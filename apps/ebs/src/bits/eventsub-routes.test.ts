import { BITS_TRANSACTION_EVENT } from "@ext/shared";
import { signEventSubMessage } from "@ext/shared/server";
import express from "express";
import pino from "pino";
import supertest from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import { EVENTSUB_WEBHOOK_PATH } from "../config.ts";
import { errorHandler } from "../http/error-handler.ts";
import type { BitsLedger } from "../store/bits-ledger.ts";
import { createSqliteBitsLedger } from "../store/sqlite/bits-ledger.ts";
import { openSqlite } from "../store/sqlite/open-sqlite.ts";
import type { BitsAnnouncer, BitsReport } from "./bits-announcer.ts";
import { addEventSubRoutes } from "./eventsub-routes.ts";

const NOW = Date.parse("2026-03-01T12:00:00Z");
const SECRET = "the-subscription-secret";
const CLIENT_ID = "testclientid0123456789abcdefgh";
const subscription = {
  id: "sub-1",
  status: "enabled",
  ...BITS_TRANSACTION_EVENT,
  condition: { extension_client_id: CLIENT_ID },
  transport: { method: "webhook", callback: "https://ebs.example/eventsub" },
  created_at: "2026-03-01T11:00:00Z",
  cost: 0,
};
const event = {
  id: "tx-1",
  extension_client_id: CLIENT_ID,
  broadcaster_user_id: "1001",
  broadcaster_user_login: "streamer",
  broadcaster_user_name: "Streamer",
  user_id: "424242",
  user_login: "ana",
  user_name: "Ana",
  product: { name: "Mega Hype", sku: "mega-hype", bits: 500, in_development: false },
};

let reports: BitsReport[];
let revoked: string[];
let verified: string[];
let ledger: BitsLedger;
let failAnnounce: boolean;

beforeEach(async () => {
  reports = [];
  revoked = [];
  verified = [];
  failAnnounce = false;
  ledger = createSqliteBitsLedger((await openSqlite(":memory:")).client);
});

function app() {
  const announcer: BitsAnnouncer = {
    async announce(report) {
      if (failAnnounce) throw new Error("store down");
      reports.push(report);
      return {
        status: "queued",
        entry: { ...report, bits: report.product.bits, actionId: "a1", claimedAt: "x" },
      };
    },
    requeueUnannounced: async () => 0,
  };
  const server = express();
  addEventSubRoutes(server, {
    secret: SECRET,
    clientId: CLIENT_ID,
    clock: () => NOW,
    logger: pino({ level: "silent" }),
    ledger,
    announcer,
    onRevoked: (status) => revoked.push(status),
    onVerified: (id) => verified.push(id),
  });
  server.use(errorHandler(pino({ level: "silent" })));
  return supertest(server);
}

function deliver(input: {
  type: string;
  body: unknown;
  messageId?: string;
  timestamp?: string;
  secret?: string;
}) {
  const raw = JSON.stringify(input.body);
  const messageId = input.messageId ?? "m-1";
  const timestamp = input.timestamp ?? new Date(NOW).toISOString();
  const signature = signEventSubMessage({ secret: input.secret ?? SECRET, messageId, timestamp, body: raw });
  return app()
    .post(EVENTSUB_WEBHOOK_PATH)
    .set("Content-Type", "application/json")
    .set("Twitch-Eventsub-Message-Id", messageId)
    .set("Twitch-Eventsub-Message-Timestamp", timestamp)
    .set("Twitch-Eventsub-Message-Signature", signature)
    .set("Twitch-Eventsub-Message-Type", input.type)
    .send(raw);
}

describe("POST /eventsub", () => {
  it("answers the verification challenge as text/plain 200 with exactly the challenge", async () => {
    const res = await deliver({
      type: "webhook_callback_verification",
      body: {
        challenge: "pogchamp-kappa-360noscope",
        subscription: { ...subscription, status: "webhook_callback_verification_pending" },
      },
    }).expect(200);
    expect(res.text).toBe("pogchamp-kappa-360noscope");
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(verified).toEqual(["sub-1"]);
    expect(reports).toEqual([]);
  });

  it("announces a notification once per message id, as the EventSub path with the event's buyer and product", async () => {
    await deliver({ type: "notification", body: { subscription, event } }).expect(204);
    await deliver({ type: "notification", body: { subscription, event } }).expect(204);
    expect(reports).toEqual([
      {
        transactionId: "tx-1",
        channelId: "1001",
        userId: "424242",
        sku: "mega-hype",
        product: { displayName: "Mega Hype", bits: 500 },
        source: "eventsub",
      },
    ]);
    await deliver({ type: "notification", body: { subscription, event }, messageId: "m-2" }).expect(204);
    expect(reports).toHaveLength(2);
  });

  it("forgets the message id when announcing failed, so Twitch's retry is handled", async () => {
    failAnnounce = true;
    const res = await deliver({ type: "notification", body: { subscription, event } }).expect(503);
    expect(res.body.error.code).toBe("internal");
    failAnnounce = false;
    await deliver({ type: "notification", body: { subscription, event } }).expect(204);
    expect(reports).toHaveLength(1);
  });

  it("ignores a notification of another extension or another type", async () => {
    await deliver({
      type: "notification",
      body: { subscription, event: { ...event, extension_client_id: "another" } },
    }).expect(204);
    await deliver({
      type: "notification",
      body: { subscription: { ...subscription, type: "channel.follow" }, event },
      messageId: "m-9",
    }).expect(204);
    expect(reports).toEqual([]);
  });

  it("handles a revocation: 204 and the subscription made again", async () => {
    await deliver({
      type: "revocation",
      body: { subscription: { ...subscription, status: "authorization_revoked" } },
    }).expect(204);
    expect(revoked).toEqual(["authorization_revoked"]);
  });

  it("refuses a wrong secret, an old timestamp, a missing header, each with its code, and announces nothing", async () => {
    const wrong = await deliver({
      type: "notification",
      body: { subscription, event },
      secret: "another-secret",
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, "eventsub_signature_invalid"]);
    const old = await deliver({
      type: "notification",
      body: { subscription, event },
      timestamp: new Date(NOW - 601_000).toISOString(),
    });
    expect([old.status, old.body.error.code]).toEqual([403, "eventsub_timestamp_too_old"]);
    const bare = await app().post(EVENTSUB_WEBHOOK_PATH).send("{}");
    expect([bare.status, bare.body.error.code]).toEqual([403, "eventsub_header_missing"]);
    expect(reports).toEqual([]);
  });

  it("refuses an unknown message type and a body that is not the type's, with 400", async () => {
    const unknown = await deliver({ type: "hello", body: { subscription, event } });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, "body_invalid"]);
    expect(unknown.body.error.message).toMatch(/Twitch-Eventsub-Message-Type/);
    const missingType = await app()
      .post(EVENTSUB_WEBHOOK_PATH)
      .set("Twitch-Eventsub-Message-Id", "m-1")
      .set("Twitch-Eventsub-Message-Timestamp", new Date(NOW).toISOString())
      .set(
        "Twitch-Eventsub-Message-Signature",
        signEventSubMessage({
          secret: SECRET,
          messageId: "m-1",
          timestamp: new Date(NOW).toISOString(),
          body: "",
        }),
      );
    expect(missingType.status).toBe(400);
    for (const type of ["notification", "revocation", "webhook_callback_verification"]) {
      const bad = await deliver({ type, body: { subscription: { id: 1 } }, messageId: `bad-${type}` });
      expect([bad.status, bad.body.error.code]).toEqual([400, "body_invalid"]);
    }
    const notJson = await app()
      .post(EVENTSUB_WEBHOOK_PATH)
      .set("Twitch-Eventsub-Message-Id", "m-x")
      .set("Twitch-Eventsub-Message-Timestamp", new Date(NOW).toISOString())
      .set("Twitch-Eventsub-Message-Type", "notification")
      .set(
        "Twitch-Eventsub-Message-Signature",
        signEventSubMessage({
          secret: SECRET,
          messageId: "m-x",
          timestamp: new Date(NOW).toISOString(),
          body: "{",
        }),
      )
      .set("Content-Type", "application/json")
      .send("{");
    expect([notJson.status, notJson.body.error.code]).toEqual([400, "body_invalid"]);
    expect(reports).toEqual([]);
    expect(revoked).toEqual([]);
  });
});
