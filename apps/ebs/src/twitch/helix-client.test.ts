import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DIAGNOSIS_HEADERS, helixErrorBody } from "@ext/shared";
import { decodeJwt, getConfigurationSegment, getUsers, sendExtensionChatMessage } from "@ext/shared/server";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../config.ts";
import { appErrorFromHelix, createHelixClient, HelixError, type HelixExchange } from "./helix-client.ts";

const now = Date.parse("2026-03-01T12:00:00Z");
const clock = () => now;
const secret = randomBytes(32).toString("base64");

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A Twitch stand-in on 127.0.0.1 that answers each request with the next scripted answer. */
async function startTwitch(answers: ((res: ServerResponse) => void)[]) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const answer = answers.shift();
      if (answer) answer(res);
      else res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url, seen };
}
let stop: () => Promise<void> = async () => {};
afterEach(() => stop());

function clientFor(url: string, exchanges: HelixExchange[] = [], clientSecret?: string) {
  const config = parseConfig({
    TWITCH_CLIENT_ID: "clientid0123456789abcdefghijkl",
    TWITCH_EXTENSION_VERSION: "0.0.1",
    TWITCH_OWNER_ID: "90001",
    TWITCH_EXTENSION_SECRET: secret,
    TWITCH_API_BASE: url,
    TWITCH_AUTH_BASE: url,
    TWITCH_TIMEOUT_MS: "500",
    ...(clientSecret ? { TWITCH_CLIENT_SECRET: clientSecret } : {}),
  });
  return createHelixClient({ config, clock, observer: { exchangeEnded: (e) => exchanges.push(e) } });
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (res: ServerResponse) =>
    res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));
const chat = sendExtensionChatMessage({ clientId: "c", version: "0.0.1", broadcasterId: "41", text: "hi" });

describe("the Helix client", () => {
  it("signs each external call with the decoded secret, string ids and the channel, and sends the Client-Id", async () => {
    const twitch = await startTwitch([(res) => res.writeHead(204, { "Ratelimit-Remaining": "11" }).end()]);
    const answer = await clientFor(twitch.url).call(chat);
    expect(answer.status).toBe(204);
    expect(answer.rateLimit.remaining).toBe(11);
    const request = twitch.seen[0] as Seen;
    expect(request.url).toBe("/helix/extensions/chat?broadcaster_id=41");
    expect(request.headers["client-id"]).toBe("clientid0123456789abcdefghijkl");
    expect(JSON.parse(request.body)).toEqual({ text: "hi", extension_id: "c", extension_version: "0.0.1" });
    const token = String(request.headers.authorization).replace(/^Bearer /, "");
    const decoded = decodeJwt(token);
    expect(decoded.ok && decoded.jwt.payload).toEqual({
      exp: now / 1000 + 60,
      user_id: "90001",
      role: "external",
      channel_id: "41",
    });
  });

  it("turns a refusal into a HelixError with Twitch's message and the rig's diagnosis code and words", async () => {
    const twitch = await startTwitch([
      json(401, helixErrorBody(401, "authentication failed"), {
        [DIAGNOSIS_HEADERS.code]: "chat_not_granted",
        [DIAGNOSIS_HEADERS.message]: "The broadcaster has not granted chat.",
      }),
    ]);
    const exchanges: HelixExchange[] = [];
    const error = await clientFor(twitch.url, exchanges)
      .call(chat)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelixError);
    expect(error).toMatchObject({
      endpoint: "Send Extension Chat Message",
      status: 401,
      twitchMessage: "authentication failed",
      diagnosisCode: "chat_not_granted",
      diagnosis: "The broadcaster has not granted chat.",
    });
    expect(exchanges.map((e) => [e.status, e.error?.diagnosisCode])).toEqual([[401, "chat_not_granted"]]);
    const appError = appErrorFromHelix(error, {
      refused: "required_configuration_refused",
      explain: () => "Refused.",
      clock,
    });
    expect(appError).toMatchObject({ code: "required_configuration_refused", status: 502 });
    expect(appError.message).toBe(
      'Refused. Twitch said: "authentication failed". Diagnosis: The broadcaster has not granted chat.',
    );
  });

  it("says no answer came when nothing listens, and that a 2xx body was not the documented one", async () => {
    const silent = await clientFor("http://127.0.0.1:9")
      .call(chat)
      .catch((e: unknown) => e);
    expect(silent).toMatchObject({
      status: undefined,
      message: expect.stringContaining("could not be reached"),
    });
    expect(appErrorFromHelix(silent, { refused: "chat_refused", explain: String, clock }).code).toBe(
      "twitch_unavailable",
    );
    const twitch = await startTwitch([json(200, { data: "not a list" })]);
    const odd = await clientFor(twitch.url)
      .call(getConfigurationSegment({ clientId: "c", broadcasterId: "41", segment: "broadcaster" }))
      .catch((e: unknown) => e);
    expect(odd).toMatchObject({
      status: 200,
      message: "Twitch answered Get Extension Configuration Segment with a body it does not document.",
    });
  });

  it("gets an app access token once, reuses it, and renews it once when Twitch answers 401", async () => {
    const token = (value: string) =>
      json(200, { access_token: value, expires_in: 3600, token_type: "bearer" });
    const users = json(200, { data: [{ id: "5", display_name: "Ana" }] });
    const twitch = await startTwitch([
      token("first"),
      users,
      users,
      json(401, helixErrorBody(401, "Invalid OAuth token")),
      token("second"),
      users,
    ]);
    const helix = clientFor(twitch.url, [], "oauthsecret0123456789abcdefgh");
    for (let i = 0; i < 3; i++) {
      const answer = await helix.call(getUsers({ ids: ["5"] }));
      expect(answer.data.data[0]?.display_name).toBe("Ana");
    }
    expect(
      twitch.seen.map((r) => `${r.method} ${r.url.split("?")[0]} ${r.headers.authorization ?? "-"}`),
    ).toEqual([
      "POST /oauth2/token -",
      "GET /helix/users Bearer first",
      "GET /helix/users Bearer first",
      "GET /helix/users Bearer first",
      "POST /oauth2/token -",
      "GET /helix/users Bearer second",
    ]);
    expect(new URLSearchParams(twitch.seen[0]?.body).get("grant_type")).toBe("client_credentials");
  });

  it("answers twitch_rate_limited with the seconds until Ratelimit-Reset", async () => {
    const twitch = await startTwitch([
      json(429, helixErrorBody(429, "Too Many Requests"), { "Ratelimit-Reset": String(now / 1000 + 42) }),
    ]);
    const error = await clientFor(twitch.url)
      .call(chat)
      .catch((e: unknown) => e);
    expect(
      appErrorFromHelix(error, { refused: "chat_refused", explain: () => "Full.", clock }),
    ).toMatchObject({
      code: "twitch_rate_limited",
      retryAfterSeconds: 42,
    });
  });
});
