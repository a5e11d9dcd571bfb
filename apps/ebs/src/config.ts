import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { extensionOrigin, TwitchRuleError } from "@ext/shared";
import { assertExtensionVersion, createSecretRing, type SecretRing } from "@ext/shared/server";
import { z } from "zod";

/** The EBS's settings, validated once at start-up. Everything else receives them from here. */
export interface Config {
  clientId: string;
  extensionVersion: string;
  ownerUserId: string;
  /** Every configured extension secret, decoded; the first one signs. */
  secrets: SecretRing;
  /** OAuth client secret for Get Users (display names); absent means no names are looked up. */
  clientSecret: string | undefined;
  apiBase: string;
  authBase: string;
  extensionName: string | undefined;
  port: number;
  host: string;
  /** Origins allowed by CORS: the extension's own origin first, then ALLOWED_ORIGINS. */
  allowedOrigins: string[];
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  nodeEnv: "development" | "production" | "test";
  /** Seconds one viewer waits between two actions in a channel; 0 turns the cooldown off. */
  viewerCooldownSeconds: number;
  /** How long a Twitch call may take before it counts as failed (and is retried). */
  twitchTimeoutMs: number;
  /** On SIGTERM, how long the queue may keep sending what it holds before the process exits. */
  shutdownDrainMs: number;
  /** TWITCH_SECRETS_SYNC=1: keep the secrets current from Twitch's Extension Secrets API while running. */
  secretsSync: boolean;
  /**
   * The required configuration string the extension's version declares (console → Version → Asset Hosting):
   * the EBS sets it on a channel once its broadcaster saved valid settings. Absent: none is declared.
   */
  requiredConfiguration: string | undefined;
  /**
   * REDIS_URL: several EBS instances share the per-channel queues, the chat limit, the cooldowns and the
   * action statuses through this Redis. Absent: everything stays in this process's memory.
   */
  redisUrl: string | undefined;
  /**
   * REDIS_CLUSTER=1: REDIS_URL names one or more nodes of a Redis Cluster (comma-separated), and the EBS
   * talks to the cluster (its keys carry per-channel hash tags, so every script runs in one slot).
   */
  redisCluster: boolean;
  /**
   * SQLITE_PATH: the SQLite file holding what must survive a restart (the live counts) when REDIS_URL is not
   * set; relative to the working directory; `:memory:` keeps nothing (tests).
   */
  sqlitePath: string;
  /**
   * EVENTSUB_CALLBACK_URL and EVENTSUB_SECRET: the EBS subscribes to `extension.bits_transaction.create` with
   * this webhook at start, and receives Twitch's deliveries at {@link EVENTSUB_WEBHOOK_PATH}. Absent: no
   * EventSub; reconciliation with Get Extension Transactions still finds every purchase.
   */
  eventSub: { callbackUrl: string; secret: string } | undefined;
  /** BITS_RECONCILE_SECONDS: how often Get Extension Transactions is read (also once at start); 0: only at start. */
  bitsReconcileMs: number;
  /**
   * BITS_SWEEP_SECONDS: in Redis mode, how often each instance queues the Bits claims whose process died
   * between the claim and the queue's push (also once at start).
   */
  bitsSweepMs: number;
}

/** Where Twitch's EventSub webhook deliveries reach the EBS (EVENTSUB_CALLBACK_URL ends with it). */
export const EVENTSUB_WEBHOOK_PATH = "/eventsub";

/** A configuration the EBS cannot start with; `problems` names each variable and how to fix it. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `The EBS configuration is invalid (set these in apps/ebs/.env or the environment; see apps/ebs/.env.example):\n${problems
        .map((p) => `  - ${p.variable}: ${p.message}`)
        .join("\n")}`,
    );
  }
}

/** Where the SQLite file is when SQLITE_PATH is not set: apps/ebs/data/ when started from apps/ebs. */
export const DEFAULT_SQLITE_PATH = "data/ebs.sqlite";

const CONSOLE = "Twitch developer console → Extensions → your extension";

function ruleMessage(error: unknown): string {
  return error instanceof TwitchRuleError ? error.message : String(error);
}

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

function baseUrl(name: string, fallback: string) {
  return z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => /^https?:\/\/[^/]+\/?$/.test(v) && URL.canParse(v), {
      message: `${name} must be an http(s) origin such as ${fallback} (no path).`,
    })
    .transform((v) => new URL(v).origin);
}

const envSchema = z.object({
  TWITCH_CLIENT_ID: z
    .string({ error: `missing: the extension's Client ID (${CONSOLE} → Settings → General).` })
    .trim()
    .regex(/^[A-Za-z0-9]{1,64}$/, {
      message: `must be the extension's Client ID, letters and digits only (${CONSOLE} → Settings → General).`,
    }),
  TWITCH_EXTENSION_VERSION: z
    .string({ error: `missing: the version installed on the channel, like "0.0.1" (${CONSOLE} → Versions).` })
    .trim()
    .superRefine((value, ctx) => {
      try {
        assertExtensionVersion(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: ruleMessage(error) });
      }
    }),
  TWITCH_OWNER_ID: z
    .string({
      error: `missing: the extension owner's Twitch user id, digits only (${CONSOLE} → Settings → General → Owner).`,
    })
    .trim()
    .regex(/^\d{1,20}$/, {
      message: `must be the extension owner's Twitch user id, digits only like "123456789" (${CONSOLE} → Settings → General → Owner), not a login name.`,
    }),
  TWITCH_EXTENSION_SECRET: z
    .string({ error: `missing: the base64 Extension Secret (${CONSOLE} → Settings → Secret Keys).` })
    .transform((value, ctx) => {
      const list = value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      try {
        return createSecretRing(list);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: ruleMessage(error) });
        return z.NEVER;
      }
    }),
  TWITCH_CLIENT_SECRET: optionalText,
  TWITCH_REQUIRED_CONFIGURATION: optionalText,
  TWITCH_API_BASE: baseUrl("TWITCH_API_BASE", "https://api.twitch.tv"),
  TWITCH_AUTH_BASE: baseUrl("TWITCH_AUTH_BASE", "https://id.twitch.tv"),
  EXTENSION_NAME: optionalText,
  PORT: z.coerce
    .number({ error: "must be a port number like 8081." })
    .int()
    .min(0)
    .max(65535, { message: "must be a port number between 0 and 65535." })
    .default(8081),
  HOST: optionalText,
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const origins = value
        .split(",")
        .map((s) => s.trim().replace(/\/$/, ""))
        .filter((s) => s.length > 0);
      for (const origin of origins) {
        if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
          ctx.addIssue({
            code: "custom",
            message: `"${origin}" is not an origin: write scheme, host and port only, like http://localhost:8080.`,
          });
        }
      }
      return origins;
    }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  TWITCH_SECRETS_SYNC: z
    .enum(["", "0", "1", "false", "true"], { error: "must be 1 (sync the secrets from Twitch) or 0." })
    .default("")
    .transform((v) => v === "1" || v === "true"),
  REDIS_CLUSTER: z
    .enum(["", "0", "1", "false", "true"], { error: "must be 1 (REDIS_URL is a Redis Cluster) or 0." })
    .default("")
    .transform((v) => v === "1" || v === "true"),
  VIEWER_COOLDOWN_SECONDS: z.coerce
    .number({ error: "must be a number of seconds like 10 (0 turns the cooldown off)." })
    .int()
    .min(0)
    .max(3600, { message: "must be between 0 and 3600 seconds." })
    .default(10),
  TWITCH_TIMEOUT_MS: z.coerce
    .number({ error: "must be a number of milliseconds like 5000." })
    .int()
    .min(100)
    .max(60_000, { message: "must be between 100 and 60000 milliseconds." })
    .default(5000),
  SHUTDOWN_DRAIN_SECONDS: z.coerce
    .number({ error: "must be a number of seconds like 10." })
    .min(0)
    .max(120, { message: "must be between 0 and 120 seconds." })
    .default(10),
  SQLITE_PATH: z
    .string()
    .trim()
    .default("")
    .transform((v) => (v === "" ? DEFAULT_SQLITE_PATH : v))
    .refine((v) => !v.endsWith("/") && !v.includes("\0"), {
      message: `must be a file path like ${DEFAULT_SQLITE_PATH} (relative to the working directory) or :memory:.`,
    }),
  EVENTSUB_CALLBACK_URL: optionalText.refine(
    (v) => v === undefined || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)),
    {
      message: `must be the public URL Twitch posts EventSub deliveries to, ending in ${"/eventsub"} (https on port 443 on Twitch; the rig also takes http://127.0.0.1).`,
    },
  ),
  EVENTSUB_SECRET: optionalText.refine((v) => v === undefined || (v.length >= 10 && v.length <= 100), {
    message: "must be 10 to 100 characters (Twitch's rule for a webhook secret): a long random string.",
  }),
  BITS_RECONCILE_SECONDS: z.coerce
    .number({ error: "must be a number of seconds like 300 (0: only at start)." })
    .int()
    .min(0)
    .max(86_400, { message: "must be between 0 and 86400 seconds." })
    .default(300),
  BITS_SWEEP_SECONDS: z.coerce
    .number({ error: "must be a number of seconds like 10." })
    .int()
    .min(1, { message: "must be between 1 and 3600 seconds." })
    .max(3600, { message: "must be between 1 and 3600 seconds." })
    .default(10),
  REDIS_URL: optionalText.superRefine((value, ctx) => {
    if (value === undefined) return;
    const urls = value
      .split(",")
      .map((each) => (URL.canParse(each.trim()) ? new URL(each.trim()) : undefined));
    if (
      urls.some(
        (url) => !url || (url.protocol !== "redis:" && url.protocol !== "rediss:") || url.hostname === "",
      )
    ) {
      ctx.addIssue({
        code: "custom",
        message:
          "must be a Redis URL like redis://127.0.0.1:6379 (or rediss:// for TLS, redis://:password@host:6379/0); leave it empty to keep queues in memory (one instance).",
      });
    }
  }),
});

/** Validates an environment (a plain record, so tests pass their own) into a {@link Config}. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: issue.message,
      })),
    );
  }
  const e = parsed.data;
  if (e.REDIS_URL?.includes(",") && !e.REDIS_CLUSTER) {
    throw new ConfigError([
      {
        variable: "REDIS_URL",
        message:
          "lists several Redis servers: set REDIS_CLUSTER=1 if they are the nodes of a Redis Cluster, or name one server.",
      },
    ]);
  }
  if ((e.EVENTSUB_CALLBACK_URL === undefined) !== (e.EVENTSUB_SECRET === undefined)) {
    throw new ConfigError([
      {
        variable: e.EVENTSUB_CALLBACK_URL === undefined ? "EVENTSUB_CALLBACK_URL" : "EVENTSUB_SECRET",
        message:
          "is missing: EventSub needs both EVENTSUB_CALLBACK_URL and EVENTSUB_SECRET (or neither, to rely on reconciliation alone).",
      },
    ]);
  }
  const ownOrigin = extensionOrigin(e.TWITCH_CLIENT_ID);
  return {
    clientId: e.TWITCH_CLIENT_ID,
    extensionVersion: e.TWITCH_EXTENSION_VERSION,
    ownerUserId: e.TWITCH_OWNER_ID,
    secrets: e.TWITCH_EXTENSION_SECRET,
    clientSecret: e.TWITCH_CLIENT_SECRET,
    apiBase: e.TWITCH_API_BASE,
    authBase: e.TWITCH_AUTH_BASE,
    extensionName: e.EXTENSION_NAME,
    port: e.PORT,
    host: e.HOST ?? (e.NODE_ENV === "production" ? "0.0.0.0" : "127.0.0.1"),
    allowedOrigins: [ownOrigin, ...e.ALLOWED_ORIGINS.filter((o) => o !== ownOrigin)],
    logLevel: e.LOG_LEVEL,
    nodeEnv: e.NODE_ENV,
    viewerCooldownSeconds: e.VIEWER_COOLDOWN_SECONDS,
    twitchTimeoutMs: e.TWITCH_TIMEOUT_MS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_SECONDS * 1000,
    secretsSync: e.TWITCH_SECRETS_SYNC,
    requiredConfiguration: e.TWITCH_REQUIRED_CONFIGURATION,
    redisUrl: e.REDIS_URL,
    redisCluster: e.REDIS_CLUSTER,
    sqlitePath: e.SQLITE_PATH,
    eventSub:
      e.EVENTSUB_CALLBACK_URL !== undefined && e.EVENTSUB_SECRET !== undefined
        ? { callbackUrl: e.EVENTSUB_CALLBACK_URL, secret: e.EVENTSUB_SECRET }
        : undefined,
    bitsReconcileMs: e.BITS_RECONCILE_SECONDS * 1000,
    bitsSweepMs: e.BITS_SWEEP_SECONDS * 1000,
  };
}

/**
 * Reads the configuration once: loads `apps/ebs/.env` when it exists (variables already set in the
 * environment win), then validates `process.env`.
 */
export function readConfig(): Config {
  return parseConfig(loadEnvironment());
}

/**
 * The environment the EBS reads: `apps/ebs/.env` loaded when it exists (variables already set win), then
 * `process.env`. `doctor` checks this same record.
 */
export function loadEnvironment(): Record<string, string | undefined> {
  const envFile = fileURLToPath(new URL("../.env", import.meta.url));
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return process.env;
}
