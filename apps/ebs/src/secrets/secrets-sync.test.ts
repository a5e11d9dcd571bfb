import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DIAGNOSIS_HEADERS, helixErrorBody, TWITCH } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import {
  buildViewerClaims,
  createSecretRing,
  diagnoseChatCall,
  diagnoseExternalJwt,
  signExtensionJwt,
  verifyViewerToken,
} from "@ext/shared/server";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { createHelixChatSender } from "../twitch/helix-chat.ts";
import { createHelixClient } from "../twitch/helix-client.ts";
import { fetchSecretRing } from "./helix-secrets.ts";
import { createSecretStore, withSecretStore } from "./secret-store.ts";
import { createSecretsSync } from "./secrets-sync.ts";

const { clientId: CLIENT_ID, ownerUserId: OWNER } = DEV_CONFIG.extension;
const CHANNEL = "41000001";
const HUNDRED_YEARS = 100 * 365.25 * 86400_000;

/** Twitch's side of rotation, on a clock the test moves: the Secrets API, and chat judged with the same ring. */
async function startTwitch(clock: () => number) {
  let secrets = [
    {
      content: randomBytes(32).toString("base64"),
      activeAt: clock() - 86400_000,
      expiresAt: clock() + HUNDRED_YEARS,
    },
  ];
  const ring = () => createSecretRing(secrets);
  const stats = { secretReads: 0, accepted: 0, refused: [] as string[] };
  const extension = () => ({
    clientId: CLIENT_ID,
    ownerUserId: OWNER,
    secrets: ring(),
    chatCapability: true,
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let text = "";
    req.on("data", (c: Buffer) => {
      text += c.toString();
    });
    req.on("end", () => {
      const refuse = (status: number, code: string, message: string) => {
        stats.refused.push(code);
        res.writeHead(status, { "Content-Type": "application/json", [DIAGNOSIS_HEADERS.code]: code });
        res.end(JSON.stringify(helixErrorBody(status, message)));
      };
      if (req.method === "GET" && url.pathname === TWITCH.secretsPath) {
        stats.secretReads++;
        const auth = diagnoseExternalJwt({
          authorization: req.headers.authorization,
          clientIdHeader: req.headers["client-id"] as string | undefined,
          extension: extension(),
          clock,
        });
        if (!auth.ok) return refuse(auth.status, auth.code, auth.twitchMessage);
        const live = secrets.filter((s) => s.expiresAt > clock());
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(
          JSON.stringify({
            data: [
              {
                format_version: 1,
                secrets: live.map((s) => ({
                  content: s.content,
                  active_at: new Date(s.activeAt).toISOString(),
                  expires_at: new Date(s.expiresAt).toISOString(),
                })),
              },
            ],
          }),
        );
        return;
      }
      const verdict = diagnoseChatCall({
        call: {
          authorization: req.headers.authorization,
          clientIdHeader: req.headers["client-id"] as string | undefined,
          queryBroadcasterId: url.searchParams.get("broadcaster_id") ?? undefined,
          body: JSON.parse(text || "null"),
        },
        extension: extension(),
        channel: (id) => ({
          broadcasterId: id,
          installedVersion: "0.0.1",
          activated: true,
          versionState: "released",
          chatGranted: true,
          requiredConfigurationMet: true,
        }),
        clock,
      });
      if (!verdict.ok) return refuse(verdict.status, verdict.code, verdict.twitchMessage);
      stats.accepted++;
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    firstSecret: secrets[0]?.content ?? "",
    contents: () => secrets.map((x) => x.content),
    /** As POST /helix/extensions/jwt/secrets?delay=: a new secret from then on, the old ones expire then. */
    rotate(delaySeconds = 300) {
      const at = clock() + delaySeconds * 1000;
      secrets = [
        ...secrets.map((s) => ({ ...s, expiresAt: Math.min(s.expiresAt, at) })),
        { content: randomBytes(32).toString("base64"), activeAt: at, expiresAt: at + HUNDRED_YEARS },
      ];
    },
    /** A frontend token as Twitch's helper signs it now. */
    viewerToken: () =>
      signExtensionJwt(
        buildViewerClaims({ channelId: CHANNEL, clock, viewer: { kind: "identified", userId: "51000001" } }),
        ring(),
        clock,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup() {
  let now = Date.parse("2026-03-01T12:00:00Z");
  const clock = () => now;
  const twitch = await startTwitch(clock);
  const config = parseConfig({
    TWITCH_CLIENT_ID: CLIENT_ID,
    TWITCH_EXTENSION_VERSION: "0.0.1",
    TWITCH_OWNER_ID: OWNER,
    TWITCH_EXTENSION_SECRET: twitch.firstSecret,
    TWITCH_API_BASE: twitch.url,
    TWITCH_AUTH_BASE: twitch.url,
  });
  const store = createSecretStore(config.secrets);
  const live = withSecretStore({ ...config, twitchTimeoutMs: 2000 }, store);
  const helix = createHelixClient({ config: live, clock });
  const logger = createLogger({ level: "silent" });
  const sync = createSecretsSync({
    store,
    fetchRing: () => fetchSecretRing({ clientId: CLIENT_ID, helix }),
    clock,
    logger,
  });
  const chat = createHelixChatSender({ config: live, helix, clock, logger });
  /** One viewer action end to end: the EBS verifies Twitch's token, then posts chat. */
  const action = async () => {
    const verified = verifyViewerToken(twitch.viewerToken(), live.secrets, { clock });
    if (!verified.ok) throw new Error(verified.error.code);
    await chat.send({ broadcasterId: CHANNEL, text: "hype" });
  };
  cleanup = async () => {
    sync.stop();
    await twitch.close();
  };
  return { twitch, store, live, sync, action, clock, advance: (ms: number) => (now += ms) };
}

describe("secret rotation without a redeploy (TWITCH_SECRETS_SYNC=1)", () => {
  it("loses no request while Twitch rotates the secret mid-traffic and the old one expires", async () => {
    const { twitch, store, sync, action, advance } = await setup();
    await sync.start();
    expect(store.ring().secrets).toHaveLength(1);

    const round = () => Promise.all(Array.from({ length: 6 }, action));
    const first = round();
    twitch.rotate(300);
    await Promise.all([first, round()]);

    advance(61_000);
    await Promise.all([round(), sync.refreshSoon("interval"), round()]);
    expect(store.ring().secrets).toHaveLength(2);

    advance(240_000);
    await round();
    await Promise.all([round(), sync.refreshSoon("interval")]);
    expect(store.ring().secrets).toHaveLength(1);

    expect(twitch.stats.refused).toEqual([]);
    expect(twitch.stats.accepted).toBe(6 * 6);
  });

  it("signs with the old secret until the new one is active, then with the new one", async () => {
    const { twitch, live, sync, advance, clock } = await setup();
    await sync.start();
    twitch.rotate(300);
    advance(61_000);
    await sync.refreshSoon("interval");
    const claims = { exp: 4e9, user_id: OWNER, role: "external" as const };
    const [older, newer] = twitch.contents();
    const signedWith = (content = "") => signExtensionJwt(claims, createSecretRing(content), clock);
    expect(signExtensionJwt(claims, live.secrets, clock)).toBe(signedWith(older));
    advance(300_000);
    expect(signExtensionJwt(claims, live.secrets, clock)).toBe(signedWith(newer));
  });

  it("reads again on request (a token that matched no secret) at most once a minute", async () => {
    const { twitch, sync, advance } = await setup();
    await sync.start();
    await sync.refreshSoon("signature_invalid");
    expect(twitch.stats.secretReads).toBe(1);
    advance(61_000);
    await Promise.all([sync.refreshSoon("signature_invalid"), sync.refreshSoon("signature_invalid")]);
    expect(twitch.stats.secretReads).toBe(2);
  });

  it("keeps the secrets it has when Twitch refuses the read", async () => {
    const { store, sync, twitch } = await setup();
    const before = store.ring();
    await twitch.close();
    await sync.start();
    expect(store.ring()).toBe(before);
  });
});
