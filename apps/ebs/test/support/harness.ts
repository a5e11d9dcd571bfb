import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import {
  type ActionQueued,
  type ActionStatus,
  actionQueuedSchema,
  actionStatusPath,
  actionStatusSchema,
  type ChannelExtensionState,
  EBS_PATHS,
} from "@ext/shared";
import {
  buildBroadcasterClaims,
  buildViewerClaims,
  signExtensionJwt,
  type ViewerKind,
} from "@ext/shared/server";
import supertest from "supertest";
import { parseConfig } from "../../src/config.ts";
import type { DeliveryQueue } from "../../src/delivery/delivery-queue.ts";
import { type EbsOptions, startEbs } from "../../src/ebs.ts";
import { createLogger } from "../../src/logger.ts";
import type { DurableStore } from "../../src/store/durable-store.ts";
import { type FakeTwitch, startFakeTwitch } from "./fake-twitch.ts";
import { createManualTime } from "./manual-time.ts";
import { until } from "./until.ts";

export const CLIENT_ID = "testclientid0123456789abcdefgh";
export const EXTENSION_ORIGIN = `https://${CLIENT_ID}.ext-twitch.tv`;
export const DEV_ORIGIN = "http://localhost:8080";
export const OWNER_ID = "90001";
export const CHANNEL_ID = "1001";
export const VERSION = "0.0.1";
export const VIEWER_ID = "424242";
export const VIEWER_NAME = "Ana";
export const CLIENT_SECRET = "oauthclientsecret0123456789abc";
export const START = Date.parse("2026-03-01T12:00:00Z");

export function installedChannel(broadcasterId: string): ChannelExtensionState {
  return {
    broadcasterId,
    installedVersion: VERSION,
    activated: true,
    versionState: "released",
    chatGranted: true,
    requiredConfigurationMet: true,
  };
}

export interface Harness {
  /** supertest bound to the EBS listening on 127.0.0.1. */
  ebs: ReturnType<typeof supertest>;
  /** Where the EBS listens: `http://127.0.0.1:<port>`. */
  url: string;
  fake: FakeTwitch;
  secretBase64: string;
  clock: () => number;
  /** Moves the clock and fires the queue's and long-poll's due timers. */
  advance(ms: number): void;
  /** Timers waiting on the manual clock (the queue's waits, long-polls' timeouts). */
  pendingTimers(): number;
  queue: DeliveryQueue;
  /** The EBS's durable store (the live state and the Bits ledger). */
  store: DurableStore;
  /** Starts Bits reconciliation (a run now; again every BITS_RECONCILE_SECONDS of the manual clock). */
  startBits(): void;
  /**
   * Resolves once no chat call is in flight and the queue has acted on the last answer (scheduled its
   * retry or its wait). Call it before `advance` when a test waits for a chat call: the fake counts the
   * call before the EBS has read Twitch's answer, and a timer scheduled after `advance` would never fire.
   */
  chatSettled(): Promise<void>;
  /** POST /api/actions as this viewer; the raw answer. */
  post(token: string): supertest.Test;
  /** POST /api/actions, expect 202 queued, then long-poll its status until it is no longer queued. */
  act(token: string): Promise<{ queued: ActionQueued; final: ActionStatus }>;
  /** GET /api/actions/:id (long-poll) as this viewer. */
  status(actionId: string, token: string): Promise<ActionStatus>;
  /** Everything the EBS logged, as written. */
  logText(): string;
  logLines(): Record<string, unknown>[];
  /** A frontend token as the Extension Helper hands it, signed with the extension secret. */
  token(viewer?: ViewerKind | "broadcaster", channelId?: string): string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Environment variables over the defaults (set one to undefined to leave it out). */
  env?: Record<string, string | undefined>;
  /** Timeout of Twitch calls, short so "Twitch hangs" tests are fast. */
  timeoutMs?: number;
  nameTtlMs?: number;
  /** The extension secret (base64) both sides use; random by default. */
  secretBase64?: string;
  /** Wire the broadcaster settings (Configuration Service reads) as main.ts does. */
  settings?: boolean;
  /** Real-time waits between reads after a save Twitch has not stored yet (the source's default otherwise). */
  storedSaveRetryMs?: readonly number[];
  /** Delivery retry policy, limits and kinds, for tests of retries, the chat limit and batching. */
  queue?: NonNullable<EbsOptions["tuning"]>["queue"];
}

/** Starts a fake Twitch and the EBS wired to it, both on 127.0.0.1 port 0. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const time = createManualTime(START);
  const clock = time.clock;
  const secretBase64 = options.secretBase64 ?? randomBytes(32).toString("base64");
  const fake = await startFakeTwitch({
    clientId: CLIENT_ID,
    ownerUserId: OWNER_ID,
    secretBase64,
    clientSecret: CLIENT_SECRET,
    version: VERSION,
    clock,
    channels: [installedChannel(CHANNEL_ID), installedChannel("2002")],
    users: { [VIEWER_ID]: VIEWER_NAME, [CHANNEL_ID]: "Streamer", "424243": "Bo", "424244": "Chidi" },
  });
  const env: Record<string, string | undefined> = {
    TWITCH_CLIENT_ID: CLIENT_ID,
    TWITCH_EXTENSION_VERSION: VERSION,
    TWITCH_OWNER_ID: OWNER_ID,
    TWITCH_EXTENSION_SECRET: secretBase64,
    TWITCH_CLIENT_SECRET: CLIENT_SECRET,
    TWITCH_API_BASE: fake.url,
    TWITCH_AUTH_BASE: fake.url,
    ALLOWED_ORIGINS: DEV_ORIGIN,
    LOG_LEVEL: "debug",
    NODE_ENV: "test",
    VIEWER_COOLDOWN_SECONDS: "0",
    TWITCH_TIMEOUT_MS: String(options.timeoutMs ?? 2000),
    SQLITE_PATH: ":memory:",
    ...options.env,
  };
  const config = parseConfig(env);
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString("utf8"));
      done();
    },
  });
  const logger = createLogger({ level: config.logLevel, destination });
  let chatInFlight = 0;
  const ebsApp = await startEbs(config, {
    logger,
    clock,
    scheduler: time.scheduler,
    readSettings: options.settings ?? false,
    helixObserver: {
      requestStarted: (call) => {
        if (call.endpoint === "Send Extension Chat Message") chatInFlight++;
      },
      exchangeEnded: ({ call }) => {
        if (call.endpoint === "Send Extension Chat Message") chatInFlight--;
      },
    },
    tuning: {
      queue: { random: () => 0.5, ...options.queue },
      ...(options.nameTtlMs !== undefined ? { nameTtlMs: options.nameTtlMs } : {}),
      ...(options.storedSaveRetryMs ? { storedSaveRetryMs: options.storedSaveRetryMs } : {}),
    },
  });
  const { app, delivery: queue } = ebsApp;
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const url = `http://127.0.0.1:${port}`;
  const ebs = supertest(url);
  const post = (token: string) =>
    ebs.post(EBS_PATHS.action).set("Authorization", `Bearer ${token}`).send({ action: "hype" });
  const status = async (actionId: string, token: string) => {
    const res = await ebs.get(actionStatusPath(actionId)).set("Authorization", `Bearer ${token}`);
    if (res.status !== 200) throw new Error(`GET status answered ${res.status}: ${res.text}`);
    return actionStatusSchema.parse(res.body);
  };
  return {
    ebs,
    url,
    fake,
    secretBase64,
    clock,
    advance: time.advance,
    pendingTimers: time.pending,
    queue,
    store: ebsApp.store,
    startBits: () => ebsApp.startBits(),
    async chatSettled() {
      await until(() => chatInFlight === 0);
      await new Promise((resolve) => setImmediate(resolve));
    },
    post,
    status,
    async act(token) {
      const res = await post(token);
      if (res.status !== 202) throw new Error(`POST answered ${res.status}: ${res.text}`);
      const queued = actionQueuedSchema.parse(res.body);
      let final = await status(queued.actionId, token);
      while (final.status === "queued") final = await status(queued.actionId, token);
      return { queued, final };
    },
    logText: () => chunks.join(""),
    logLines: () =>
      chunks
        .join("")
        .split("\n")
        .filter((l) => l.trim().length > 0)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    token(viewer = { kind: "identified", userId: VIEWER_ID }, channelId = CHANNEL_ID) {
      const claims =
        viewer === "broadcaster"
          ? buildBroadcasterClaims({ channelId, clock })
          : buildViewerClaims({ channelId, clock, viewer });
      return signExtensionJwt(claims, config.secrets, clock);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}
