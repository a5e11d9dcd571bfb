import { Writable } from "node:stream";
import { BITS_TRANSACTION_EVENT } from "@ext/shared";
import { signEventSubMessage } from "@ext/shared/server";
import express from "express";
import supertest from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import { EVENTSUB_WEBHOOK_PATH } from "../config.ts";
import { errorHandler } from "../http/error-handler.ts";
import { createLogger } from "../logger.ts";
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
let logChunks: string[];

beforeEach(async () => {
  reports = [];
  revoked = [];
  verified = [];
  failAnnounce = false;
  logChunks = [];
  ledger = createSqliteBitsLedger((await openSqlite(":memory:")).client);
});

/** The lines the route logged with this `event` (what an operator reads), as JSON. */
function logged(event: string): Record<string, unknown>[] {
  return logChunks
    .join("")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.event === event);
}

/** The webhook as the EBS mounts it; `listenVerified: false` wires it as `createApp` does (no onVerified). */
function app(options: { listenVerified?: boolean } = {}) {
  const logger = createLogger({
    level: "debug",
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logChunks.push(chunk.toString("utf8"));
        done();
      },
    }),
  });
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
    logger,
    ledger,
    announcer,
    onRevoked: (status) => revoked.push(status),
    ...(options.listenVerified === false ? {} : { onVerified: (id: string) => verified.push(id) }),
  });
  server.use(errorHandler(logger));
  return supertest(server);
}

function deliver(input: {
  type: string;
  body: unknown;
  messageId?: string;
  timestamp?: string;
  secret?: string;
  listenVerified?: boolean;
}) {
  const raw = JSON.stringify(input.body);
  const messageId = input.messageId ?? "m-1";
  const timestamp = input.timestamp ?? new Date(NOW).toISOString();
  const signature = signEventSubMessage({ secret: input.secret ?? SECRET, messageId, timestamp, body: raw });
  return app(input.listenVerified === undefined ? {} : { listenVerified: input.listenVerified })
    .post(EVENTSUB_WEBHOOK_PATH)
    .set("Content-Type", "application/json")
    .set("Twitch-Eventsub-Message-Id", messageId)
    .set("Twitch-Eventsub-Message-Timestamp", timestamp)
    .set("Twitch-Eventsub-Message-Signature", signature)
    .set("Twitch-Eventsub-Message-Type", input.type)
    .send(raw);
}

const verification = {
  challenge: "pogchamp-kappa-360noscope",
  subscription: { ...subscription, status: "webhook_callback_verification_pending" },
};

describe("POST /eventsub", () => {
  it("answers the verification challenge as text/plain 200 with exactly the challenge, and logs the subscription", async () => {
    const res = await deliver({ type: "webhook_callback_verification", body: verification }).expect(200);
    expect(res.text).toBe("pogchamp-kappa-360noscope");
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(verified).toEqual(["sub-1"]);
    expect(reports).toEqual([]);
    expect(logged("eventsub_verified")).toEqual([
      expect.objectContaining({
        level: 30,
        subscriptionId: "sub-1",
        msg: expect.stringMatching(/challenge/),
      }),
    ]);
  });

  it("answers the challenge when nothing listens for verifications, as createApp wires it", async () => {
    const res = await deliver({
      type: "webhook_callback_verification",
      body: verification,
      listenVerified: false,
    }).expect(200);
    expect(res.text).toBe("pogchamp-kappa-360noscope");
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
    expect(logged("eventsub_duplicate")).toEqual([
      expect.objectContaining({ level: 20, messageId: "m-1", msg: expect.stringMatching(/redelivery/) }),
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

  it("ignores a notification of another extension or another type, and says so in the log", async () => {
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
    expect(logged("eventsub_ignored")).toEqual([
      expect.objectContaining({
        level: 40,
        type: BITS_TRANSACTION_EVENT.type,
        msg: expect.stringMatching(/ignored/),
      }),
      expect.objectContaining({ level: 40, type: "channel.follow", msg: expect.stringMatching(/ignored/) }),
    ]);
  });

  it("handles a revocation: 204, the subscription made again, and a warning naming the subscription and why", async () => {
    await deliver({
      type: "revocation",
      body: { subscription: { ...subscription, status: "authorization_revoked" } },
    }).expect(204);
    expect(revoked).toEqual(["authorization_revoked"]);
    expect(logged("eventsub_revoked")).toEqual([
      expect.objectContaining({
        level: 40,
        subscriptionId: "sub-1",
        status: "authorization_revoked",
        msg: expect.stringMatching(/subscribing again/),
      }),
    ]);
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
    expect(logged("eventsub_refused")).toEqual(
      ["eventsub_signature_invalid", "eventsub_timestamp_too_old", "eventsub_header_missing"].map((code) =>
        expect.objectContaining({ level: 40, code, msg: expect.stringMatching(/refused/) }),
      ),
    );
    expect(logChunks.join("")).not.toContain(SECRET);
  });

  it("refuses an unknown message type and a body that is not the type's, with 400 and the sentence of each", async () => {
    const unknown = await deliver({ type: "hello", body: { subscription, event } });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, "body_invalid"]);
    expect(unknown.body.error.message).toBe(
      "The Twitch-Eventsub-Message-Type header is not one of webhook_callback_verification, notification, revocation.",
    );
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
    expect(missingType.body.error.message).toBe(unknown.body.error.message);
    for (const type of ["notification", "revocation", "webhook_callback_verification"]) {
      const bad = await deliver({ type, body: { subscription: { id: 1 } }, messageId: `bad-${type}` });
      expect([bad.status, bad.body.error.code]).toEqual([400, "body_invalid"]);
      expect(bad.body.error.message).toBe(
        "The delivery's body is not the JSON Twitch sends for this message type.",
      );
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
    expect(notJson.body.error.message).toBe(
      "The delivery's body is not JSON: Twitch sends every EventSub message as a JSON object.",
    );
    expect(reports).toEqual([]);
    expect(revoked).toEqual([]);
  });
});
