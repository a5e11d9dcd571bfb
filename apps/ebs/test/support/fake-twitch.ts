import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type ChannelExtensionState,
  type Clock,
  DIAGNOSIS_HEADERS,
  encodeDiagnosisHeader,
  epochSeconds,
  helixErrorBody,
  type Refusal,
  TWITCH,
} from "@ext/shared";
import {
  type ChatCallAccepted,
  createSecretRing,
  diagnoseChatCall,
  diagnoseExternalJwt,
  type ExtensionTransaction,
} from "@ext/shared/server";

/** How the fake answers chat calls: judge them like Twitch, or fail on purpose. */
export type ChatMode =
  | { kind: "judge" }
  | { kind: "status"; status: number; headers?: Record<string, string> }
  | { kind: "rate_limited"; resetInSeconds: number }
  | { kind: "hang" }
  | { kind: "close" };

export interface FakeTwitchOptions {
  clientId: string;
  ownerUserId: string;
  secretBase64: string;
  clientSecret: string;
  version: string;
  clock: Clock;
  channels: ChannelExtensionState[];
  /** Display names Get Users knows, by user id. */
  users: Record<string, string>;
}

export interface FakeTwitch {
  url: string;
  chatMode: ChatMode;
  /** Answer Get Users with 500 when true. */
  usersFail: boolean;
  /** Every chat call received, judged or not. */
  chatCalls: number;
  /** The fake clock's time of each chat call, by broadcaster id. */
  chatCallTimes: Map<string, number[]>;
  /** Overrides the Ratelimit-* headers of the next successful chat answers. */
  successHeaders: Record<string, string> | undefined;
  accepted: ChatCallAccepted[];
  refusals: Refusal[];
  /** Bearer tokens the EBS sent to the chat endpoint (the external JWTs). */
  chatBearers: string[];
  /** App access tokens handed out by /oauth2/token. */
  issuedTokens: string[];
  tokenRequests: number;
  userRequests: number;
  /** Invalidates every issued app access token, as a revocation would. */
  revokeTokens(): void;
  setChannel(id: string, patch: Partial<ChannelExtensionState>): void;
  /** The broadcaster segment's content per channel (Configuration Service). */
  broadcasterSegments: Map<string, string>;
  configurationReads: number;
  /** Answer Configuration Service reads with 503 when true. */
  configurationsFail: boolean;
  /** Required configuration strings the EBS set, per channel. */
  requiredConfigurations: Map<string, string>;
  /**
   * Get Streams: the live channels and their `started_at` (absent: offline). Undefined: the endpoint answers
   * 404, as a Twitch stand-in without it would.
   */
  streams: Map<string, string> | undefined;
  /** Get Streams calls received. */
  streamRequests: number;
  /** Get Extension Transactions: the extension's Bits purchases Twitch has recorded, newest first. */
  transactions: ExtensionTransaction[];
  /** Answer Get Extension Transactions with 500 when true. */
  transactionsFail: boolean;
  /** The `id`s of each Get Extension Transactions call, in order (empty: a page of all). */
  transactionQueries: string[][];
  /** Get Extension Secrets calls received (the EBS reads them with TWITCH_SECRETS_SYNC=1). */
  secretsReads: number;
  /**
   * Rotates the extension secret as Twitch's Create Extension Secret does: `secretBase64` becomes the
   * newest secret, which Twitch then signs with; the older ones stay valid for one more hour.
   */
  rotateSecret(secretBase64: string): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * An in-process stand-in for Twitch on 127.0.0.1: Send Extension Chat Message judged by the shared
 * `diagnoseChatCall` (exactly Twitch's checks), /oauth2/token and Get Users for display names, Get Extension
 * Transactions from a list the test sets, Get Extension Secrets and a rotation of the secret.
 */
export async function startFakeTwitch(options: FakeTwitchOptions): Promise<FakeTwitch> {
  /** The extension's secrets, newest first, with the end of each one's validity (ms). */
  let secrets = [{ content: options.secretBase64, expiresAt: Number.POSITIVE_INFINITY }];
  let ring = createSecretRing(options.secretBase64);
  const channels = new Map(options.channels.map((c) => [c.broadcasterId, { ...c }]));
  const validTokens = new Set<string>();

  const fake: Omit<FakeTwitch, "url" | "close"> = {
    chatMode: { kind: "judge" },
    usersFail: false,
    chatCalls: 0,
    chatCallTimes: new Map(),
    successHeaders: undefined,
    accepted: [],
    refusals: [],
    chatBearers: [],
    issuedTokens: [],
    tokenRequests: 0,
    userRequests: 0,
    revokeTokens: () => validTokens.clear(),
    setChannel(id, patch) {
      const current = channels.get(id);
      if (current) channels.set(id, { ...current, ...patch });
    },
    broadcasterSegments: new Map(),
    configurationReads: 0,
    configurationsFail: false,
    requiredConfigurations: new Map(),
    streams: undefined,
    streamRequests: 0,
    transactions: [],
    transactionsFail: false,
    transactionQueries: [],
    secretsReads: 0,
    rotateSecret(secretBase64) {
      const olderUntil = options.clock() + 60 * 60 * 1000;
      secrets = [
        { content: secretBase64, expiresAt: Number.POSITIVE_INFINITY },
        ...secrets.map((s) => ({ ...s, expiresAt: Math.min(s.expiresAt, olderUntil) })),
      ];
      ring = createSecretRing(secrets.map((s) => s.content));
    },
  };

  /** Judges an external JWT as Twitch does; answers the refusal and returns false when it is refused. */
  function externalJwtAccepted(req: IncomingMessage, res: ServerResponse): boolean {
    const verdict = diagnoseExternalJwt({
      authorization: req.headers.authorization,
      clientIdHeader: req.headers["client-id"] as string | undefined,
      extension: { clientId: options.clientId, ownerUserId: options.ownerUserId, secrets: ring },
      clock: options.clock,
    });
    if (verdict.ok) return true;
    json(res, verdict.status, helixErrorBody(verdict.status, verdict.twitchMessage), {
      [DIAGNOSIS_HEADERS.code]: verdict.code,
    });
    return false;
  }

  function configurations(req: IncomingMessage, res: ServerResponse, url: URL) {
    fake.configurationReads++;
    if (fake.configurationsFail) {
      json(res, 503, helixErrorBody(503, "Service Unavailable"));
      return;
    }
    if (!externalJwtAccepted(req, res)) return;
    const channel = url.searchParams.get("broadcaster_id") ?? "";
    const content = fake.broadcasterSegments.get(channel);
    const wantsBroadcaster = url.searchParams.getAll("segment").includes("broadcaster");
    const data =
      wantsBroadcaster && content !== undefined
        ? [{ segment: "broadcaster", broadcaster_id: channel, content, version: "1" }]
        : [];
    json(res, 200, { data });
  }

  /** Get Extension Secrets, as Twitch answers it (years stand in for "never" on the newest secret). */
  function extensionSecrets(req: IncomingMessage, res: ServerResponse, url: URL) {
    fake.secretsReads++;
    if (!externalJwtAccepted(req, res)) return;
    if (url.searchParams.get("extension_id") !== options.clientId) {
      json(res, 400, helixErrorBody(400, "Missing required parameter"));
      return;
    }
    const farFuture = options.clock() + 100 * 365 * 24 * 60 * 60 * 1000;
    json(res, 200, {
      data: [
        {
          format_version: 1,
          secrets: secrets.map((s) => ({
            content: s.content,
            active_at: new Date(0).toISOString(),
            expires_at: new Date(Math.min(s.expiresAt, farFuture)).toISOString(),
          })),
        },
      ],
    });
  }

  async function requiredConfiguration(req: IncomingMessage, res: ServerResponse, url: URL) {
    const text = await readBody(req);
    if (!externalJwtAccepted(req, res)) return;
    const body = JSON.parse(text) as Record<string, unknown>;
    const channel = url.searchParams.get("broadcaster_id") ?? "";
    if (
      body.extension_id !== options.clientId ||
      body.extension_version !== options.version ||
      typeof body.required_configuration !== "string"
    ) {
      json(res, 400, helixErrorBody(400, "Missing required parameter"));
      return;
    }
    fake.requiredConfigurations.set(channel, body.required_configuration);
    res.writeHead(204).end();
  }

  async function chat(req: IncomingMessage, res: ServerResponse, url: URL) {
    fake.chatCalls++;
    const channel = url.searchParams.get("broadcaster_id") ?? "";
    fake.chatCallTimes.set(channel, [...(fake.chatCallTimes.get(channel) ?? []), options.clock()]);
    const authorization = req.headers.authorization;
    const bearer = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
    if (bearer) fake.chatBearers.push(bearer);
    const text = await readBody(req);
    const mode = fake.chatMode;
    if (mode.kind === "hang") return;
    if (mode.kind === "close") {
      req.socket.destroy();
      return;
    }
    if (mode.kind === "status") {
      json(res, mode.status, helixErrorBody(mode.status, "forced by the test"), mode.headers);
      return;
    }
    if (mode.kind === "rate_limited") {
      json(res, 429, helixErrorBody(429, "Too Many Requests"), {
        "Ratelimit-Limit": String(TWITCH.chatMessagesPerMinute),
        "Ratelimit-Remaining": "0",
        "Ratelimit-Reset": String(epochSeconds(options.clock) + mode.resetInSeconds),
      });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const queryIds = url.searchParams.getAll("broadcaster_id");
    const verdict = diagnoseChatCall({
      call: {
        authorization,
        clientIdHeader: req.headers["client-id"] as string | undefined,
        queryBroadcasterId: queryIds.length > 1 ? queryIds : queryIds[0],
        body,
      },
      extension: {
        clientId: options.clientId,
        ownerUserId: options.ownerUserId,
        secrets: ring,
        clientSecret: options.clientSecret,
        chatCapability: true,
      },
      channel: (id) => channels.get(id),
      clock: options.clock,
    });
    if (!verdict.ok) {
      fake.refusals.push(verdict);
      json(res, verdict.status, helixErrorBody(verdict.status, verdict.twitchMessage), {
        [DIAGNOSIS_HEADERS.code]: verdict.code,
        [DIAGNOSIS_HEADERS.message]: encodeDiagnosisHeader(verdict.diagnosis),
      });
      return;
    }
    fake.accepted.push(verdict);
    res.writeHead(204, {
      "Ratelimit-Limit": String(TWITCH.chatMessagesPerMinute),
      "Ratelimit-Remaining": String(TWITCH.chatMessagesPerMinute - 1),
      "Ratelimit-Reset": String(epochSeconds(options.clock) + 60),
      ...fake.successHeaders,
    });
    res.end();
  }

  async function oauthToken(req: IncomingMessage, res: ServerResponse) {
    fake.tokenRequests++;
    const form = new URLSearchParams(await readBody(req));
    if (
      form.get("grant_type") !== "client_credentials" ||
      form.get("client_id") !== options.clientId ||
      form.get("client_secret") !== options.clientSecret
    ) {
      json(res, 403, { status: 403, message: "invalid client secret" });
      return;
    }
    const token = randomBytes(15).toString("hex");
    validTokens.add(token);
    fake.issuedTokens.push(token);
    json(res, 200, { access_token: token, expires_in: 5_000_000, token_type: "bearer" });
  }

  /** A Helix call with an app token this fake issued and the extension's Client-Id; else answers Twitch's 401. */
  function appTokenAccepted(req: IncomingMessage, res: ServerResponse): boolean {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (bearer && validTokens.has(bearer) && req.headers["client-id"] === options.clientId) return true;
    json(res, 401, helixErrorBody(401, "Invalid OAuth token"));
    return false;
  }

  function streams(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!fake.streams) {
      json(res, 404, helixErrorBody(404, "Not Found"));
      return;
    }
    fake.streamRequests++;
    if (!appTokenAccepted(req, res)) return;
    const live = fake.streams;
    const data = url.searchParams
      .getAll("user_id")
      .filter((id) => live.has(id))
      .map((id) => ({ id: `s${id}`, user_id: id, type: "live", started_at: live.get(id) }));
    json(res, 200, { data, pagination: {} });
  }

  function transactions(req: IncomingMessage, res: ServerResponse, url: URL) {
    const ids = url.searchParams.getAll("id");
    fake.transactionQueries.push(ids);
    if (fake.transactionsFail) {
      json(res, 500, helixErrorBody(500, "Internal Server Error"));
      return;
    }
    if (!appTokenAccepted(req, res)) return;
    if (url.searchParams.get("extension_id") !== options.clientId) {
      json(res, 400, helixErrorBody(400, 'Invalid parameter "extension_id"'));
      return;
    }
    const data = ids.length > 0 ? fake.transactions.filter((t) => ids.includes(t.id)) : fake.transactions;
    json(res, 200, { data, pagination: {} });
  }

  function users(req: IncomingMessage, res: ServerResponse, url: URL) {
    fake.userRequests++;
    if (fake.usersFail) {
      json(res, 500, helixErrorBody(500, "Internal Server Error"));
      return;
    }
    if (!appTokenAccepted(req, res)) return;
    const data = url.searchParams
      .getAll("id")
      .filter((id) => options.users[id] !== undefined)
      .map((id) => ({ id, login: String(options.users[id]).toLowerCase(), display_name: options.users[id] }));
    json(res, 200, { data });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = `${req.method} ${url.pathname}`;
    const handle =
      route === `POST ${TWITCH.chatPath}`
        ? chat(req, res, url)
        : route === `POST ${TWITCH.oauthTokenPath}`
          ? oauthToken(req, res)
          : route === `GET ${TWITCH.usersPath}`
            ? Promise.resolve(users(req, res, url))
            : route === `GET ${TWITCH.streamsPath}`
              ? Promise.resolve(streams(req, res, url))
              : route === `GET ${TWITCH.configurationsPath}`
                ? Promise.resolve(configurations(req, res, url))
                : route === `PUT ${TWITCH.requiredConfigurationPath}`
                  ? requiredConfiguration(req, res, url)
                  : route === `GET ${TWITCH.extensionTransactionsPath}`
                    ? Promise.resolve(transactions(req, res, url))
                    : route === `GET ${TWITCH.secretsPath}`
                      ? Promise.resolve(extensionSecrets(req, res, url))
                      : Promise.resolve(json(res, 404, helixErrorBody(404, "Not Found")));
    handle.catch((error: unknown) => json(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
