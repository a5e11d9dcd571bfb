import type { Clock } from "../clock.ts";
import type { ChatCall } from "../diagnosis/chat-call.ts";
import type { RefusalCode } from "../diagnosis/codes.ts";
import { buildExternalChatClaims, buildViewerClaims } from "../jwt/payloads.ts";
import { forgeJwt } from "./forge.ts";

/** The development extension a catalogue is built for. */
export interface MistakeFixture {
  clientId: string;
  ownerUserId: string;
  secretBase64: string;
  clientSecret: string;
  version: string;
  broadcasterId: string;
  clock: Clock;
}

export interface ChatMistake {
  name: string;
  call: ChatCall;
  code: RefusalCode;
  status: number;
}

/** A correct Send Extension Chat Message call for the fixture (the baseline each mistake changes). */
export function correctChatCall(f: MistakeFixture, text = "Ana sent some hype!"): ChatCall {
  const claims = buildExternalChatClaims({
    ownerUserId: f.ownerUserId,
    channelId: f.broadcasterId,
    clock: f.clock,
  });
  const token = forgeJwt({
    header: { alg: "HS256", typ: "JWT" },
    payloadText: JSON.stringify(claims),
    key: Buffer.from(f.secretBase64, "base64"),
  });
  return {
    authorization: `Bearer ${token}`,
    clientIdHeader: f.clientId,
    queryBroadcasterId: f.broadcasterId,
    body: { text, extension_id: f.clientId, extension_version: f.version },
  };
}

/**
 * The mistakes that cost people days, each as the call a buggy EBS would make and the refusal it earns.
 * Channel-state failures (not installed, chat not granted...) are not here: they need the channel changed.
 */
export function classicChatMistakes(f: MistakeFixture): ChatMistake[] {
  const good = correctChatCall(f);
  const key = Buffer.from(f.secretBase64, "base64");
  const claims = buildExternalChatClaims({
    ownerUserId: f.ownerUserId,
    channelId: f.broadcasterId,
    clock: f.clock,
  });
  const hs256 = { alg: "HS256", typ: "JWT" };
  const bearer = (payload: unknown, signingKey: Buffer | string = key, header: unknown = hs256) =>
    `Bearer ${forgeJwt({ header, payloadText: JSON.stringify(payload), key: signingKey })}`;
  const withAuth = (authorization: string | undefined): ChatCall => ({ ...good, authorization });
  const withClaims = (patch: Record<string, unknown>) => withAuth(bearer({ ...claims, ...patch }));
  const withBody = (patch: Record<string, unknown>): ChatCall => ({
    ...good,
    body: { ...(good.body as Record<string, unknown>), ...patch },
  });
  const now = Math.floor(f.clock() / 1000);
  const viewerClaims = buildViewerClaims({
    channelId: f.broadcasterId,
    clock: f.clock,
    viewer: { kind: "identified", userId: "987654" },
  });
  const noChannel: Record<string, unknown> = { ...claims };
  delete noChannel.channel_id;

  const cases: [string, ChatCall, RefusalCode, number][] = [
    ["no Authorization header", withAuth(undefined), "auth_header_missing", 401],
    [
      "Authorization without Bearer",
      withAuth(good.authorization?.replace("Bearer ", "")),
      "auth_header_malformed",
      401,
    ],
    ["Bearer written twice", withAuth(`Bearer ${good.authorization}`), "auth_header_malformed", 401],
    ["no Client-Id header", { ...good, clientIdHeader: undefined }, "client_id_missing", 401],
    [
      "another extension's Client-Id",
      { ...good, clientIdHeader: "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz" },
      "client_id_mismatch",
      500,
    ],
    [
      "an OAuth access token instead of a JWT",
      withAuth("Bearer cfabdegwdoklmawdzdo98xt2fo512y"),
      "token_not_jwt",
      401,
    ],
    [
      "signed with RS256 header",
      withAuth(bearer(claims, key, { alg: "RS256", typ: "JWT" })),
      "token_algorithm",
      401,
    ],
    [
      "secret used without base64-decoding",
      withAuth(bearer(claims, Buffer.from(f.secretBase64, "utf8"))),
      "signed_with_raw_secret",
      401,
    ],
    [
      "OAuth client secret used as the key",
      withAuth(bearer(claims, f.clientSecret)),
      "signed_with_client_secret",
      401,
    ],
    ["another extension's secret", withAuth(bearer(claims, Buffer.alloc(32, 7))), "signature_invalid", 401],
    [
      "claims JSON-encoded twice",
      withAuth(
        `Bearer ${forgeJwt({ header: hs256, payloadText: JSON.stringify(JSON.stringify(claims)), key })}`,
      ),
      "claims_encoded_twice",
      401,
    ],
    ["no exp", withClaims({ exp: undefined }), "exp_missing", 401],
    ["exp in milliseconds", withClaims({ exp: f.clock() + 60_000 }), "exp_in_milliseconds", 401],
    ["expired exp", withClaims({ exp: now - 120 }), "token_expired", 401],
    ["the viewer's token from onAuthorized", withAuth(bearer(viewerClaims)), "viewer_token_used", 401],
    ["role missing", withClaims({ role: undefined }), "role_not_external", 401],
    ["no user_id", withClaims({ user_id: undefined }), "user_id_missing", 401],
    ["user_id as a number", withClaims({ user_id: Number(f.ownerUserId) }), "user_id_not_string", 401],
    ["the channel's id as user_id", withClaims({ user_id: f.broadcasterId }), "user_id_not_owner", 401],
    [
      "channel_id as a number",
      withClaims({ channel_id: Number(f.broadcasterId) }),
      "channel_id_not_string",
      401,
    ],
    ["no channel_id claim", withAuth(bearer(noChannel)), "channel_id_missing", 401],
    ["channel_id of another channel", withClaims({ channel_id: "1" }), "channel_id_mismatch", 401],
    ["body is not JSON", { ...good, body: undefined }, "body_not_json", 400],
    ["no extension_version", withBody({ extension_version: undefined }), "body_field_missing", 400],
    ["extension_version as a number", withBody({ extension_version: 1 }), "body_field_not_string", 400],
    [
      "extension_id of another extension",
      withBody({ extension_id: "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz" }),
      "extension_id_mismatch",
      400,
    ],
    ["no broadcaster_id anywhere", { ...good, queryBroadcasterId: undefined }, "broadcaster_id_missing", 400],
    [
      "broadcaster_id as a number in the body",
      { ...withBody({ broadcaster_id: Number(f.broadcasterId) }), queryBroadcasterId: undefined },
      "broadcaster_id_not_string",
      400,
    ],
    ["text over 280 characters", withBody({ text: "x".repeat(281) }), "text_too_long", 400],
    ["empty text", withBody({ text: "   " }), "text_empty", 400],
    ["version not the installed one", withBody({ extension_version: "9.9.9" }), "version_not_installed", 404],
  ];
  return cases.map(([name, call, code, status]) => ({ name, call, code, status }));
}
