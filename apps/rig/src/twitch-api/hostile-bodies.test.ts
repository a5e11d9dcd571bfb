import { gzipSync } from "node:zlib";
import { DIAGNOSIS_HEADERS, decodeDiagnosisHeader, JSON_NESTING_MAX } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { buildBroadcasterClaims, buildExternalChatClaims, signExtensionJwt } from "@ext/shared/server";
import { exchange, type RawAnswer } from "@ext/test-kit/raw-http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PubSubEvent } from "../state/types.ts";
import { FIRST_CHANNEL, type RigUnderTest, startRig } from "../testing/rig-under-test.ts";

let rig: RigUnderTest;
let port: number;
beforeEach(async () => {
  rig = await startRig();
  port = Number(new URL(rig.url).port);
});
afterEach(async () => {
  await rig.close();
});

const { clientId, version } = DEV_CONFIG.extension;
const CHAT_PATH = `/helix/extensions/chat?broadcaster_id=${FIRST_CHANNEL}`;
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

function chatJwt(): string {
  const claims = buildExternalChatClaims({
    ownerUserId: DEV_CONFIG.extension.ownerUserId,
    channelId: FIRST_CHANNEL,
    clock: rig.now,
  });
  return signExtensionJwt(claims, rig.state.secrets.ring(), rig.now);
}

const chatBody = (text: string) =>
  `{"text":${text},"extension_id":"${clientId}","extension_version":"${version}"}`;

/** A chat call with a good JWT and Client-Id, and the headers and body given. */
function chat(body: string | Buffer, headers: [string, string][] = []): Promise<RawAnswer> {
  return exchange(
    port,
    {
      method: "POST",
      path: CHAT_PATH,
      headers: [
        ["Authorization", `Bearer ${chatJwt()}`],
        ["Client-Id", clientId],
        ["Content-Type", "application/json"],
        ...headers,
      ],
      body: Buffer.from(body),
    },
    5000,
  );
}

function diagnosis(answer: RawAnswer) {
  return {
    status: answer.status,
    code: answer.headers[DIAGNOSIS_HEADERS.code]?.[0],
    diagnosis: decodeDiagnosisHeader(answer.headers[DIAGNOSIS_HEADERS.message]?.[0]) ?? "",
    body: JSON.parse(answer.body) as { error: string; status: number; message: string },
  };
}

describe("bodies no Twitch route could judge", () => {
  it("refuses a chat text nested a few thousand levels deep with 400 body_too_deep, not a stack overflow", async () => {
    const answer = diagnosis(await chat(chatBody(nested(4000))));
    expect(answer).toMatchObject({ status: 400, code: "body_too_deep" });
    expect(answer.body).toEqual({ error: "Bad Request", status: 400, message: "Bad Request" });
    expect(answer.diagnosis).toMatch(new RegExp(`more than ${JSON_NESTING_MAX} levels deep`));
    expect(rig.state.chat(FIRST_CHANNEL)).toEqual([]);
  });

  it("judges a text nested exactly as deep as allowed like any other non-string", async () => {
    const answer = diagnosis(await chat(chatBody(nested(JSON_NESTING_MAX - 1))));
    expect(answer).toMatchObject({ status: 400, code: "body_field_not_string" });
  });

  it("refuses gzip or deflate over a body that is not compressed with 400 body_encoding_invalid", async () => {
    for (const encoding of ["gzip", "deflate", "br"]) {
      const answer = diagnosis(await chat(chatBody('"hi"'), [["Content-Encoding", encoding]]));
      expect(answer).toMatchObject({ status: 400, code: "body_encoding_invalid" });
      expect(answer.diagnosis).toContain(`not "${encoding}"-compressed`);
    }
  });

  it("refuses an unknown or stacked Content-Encoding with 415 and reads a gzip body that is one", async () => {
    for (const encoding of ["gzip, gzip", "x-evil", "identity, gzip"]) {
      const answer = diagnosis(await chat(chatBody('"hi"'), [["Content-Encoding", encoding]]));
      expect(answer).toMatchObject({ status: 415, code: "body_encoding_unsupported" });
      expect(answer.body.error).toBe("Unsupported Media Type");
    }
    const gzipped = await chat(gzipSync(chatBody('"hi"')), [["Content-Encoding", "gzip"]]);
    expect(gzipped.status).toBe(204);
    expect(rig.state.chat(FIRST_CHANNEL).map((m) => m.text)).toEqual(["hi"]);
  });

  it("refuses a body over 64 KB, also once inflated, with 413 body_too_large", async () => {
    const big = diagnosis(await chat(chatBody(JSON.stringify("x".repeat(70_000)))));
    expect(big).toMatchObject({ status: 413, code: "body_too_large" });
    const bomb = gzipSync(chatBody(JSON.stringify(" ".repeat(4_000_000))));
    expect(bomb.length).toBeLessThan(10_000);
    const inflated = diagnosis(await chat(bomb, [["Content-Encoding", "gzip"]]));
    expect(inflated).toMatchObject({ status: 413, code: "body_too_large" });
  });

  it("refuses an unknown charset with 415 body_charset_unsupported", async () => {
    const answer = await exchange(
      port,
      {
        method: "POST",
        path: CHAT_PATH,
        headers: [
          ["Authorization", `Bearer ${chatJwt()}`],
          ["Client-Id", clientId],
          ["Content-Type", "application/json; charset=klingon"],
        ],
        body: Buffer.from(chatBody('"hi"')),
      },
      5000,
    );
    expect(diagnosis(answer)).toMatchObject({ status: 415, code: "body_charset_unsupported" });
  });

  it("keeps the diagnosis of a huge or broken value a short, valid header instead of failing the answer", async () => {
    const huge = diagnosis(await chat(chatBody(JSON.stringify(["a".repeat(30_000)]))));
    expect(huge).toMatchObject({ status: 400, code: "body_field_not_string" });
    expect(huge.diagnosis.length).toBeLessThanOrEqual(600);
    expect(huge.diagnosis).toMatch(/every field of this body is a string/);
    const lone = diagnosis(await chat(chatBody('["\\ud800"]')));
    expect(lone).toMatchObject({ status: 400, code: "body_field_not_string" });
    expect(lone.diagnosis).toContain("\ufffd");
  });
});

describe("repeated headers", () => {
  it("refuses two Authorization headers with 401 auth_header_malformed, even when both are good", async () => {
    const answer = diagnosis(await chat(chatBody('"hi"'), [["Authorization", `Bearer ${chatJwt()}`]]));
    expect(answer).toMatchObject({ status: 401, code: "auth_header_malformed" });
    expect(answer.diagnosis).toMatch(/2 Authorization headers/);
    expect(rig.state.chat(FIRST_CHANNEL)).toEqual([]);
  });

  it("refuses two Client-Id headers with 400 header_repeated, not the 500 of a mismatched Client-Id", async () => {
    const answer = diagnosis(await chat(chatBody('"hi"'), [["Client-Id", clientId]]));
    expect(answer).toMatchObject({ status: 400, code: "header_repeated" });
  });

  it("answers id.twitch.tv's shape on its path", async () => {
    const answer = await exchange(
      port,
      {
        method: "POST",
        path: "/oauth2/token",
        headers: [
          ["Content-Type", "application/x-www-form-urlencoded"],
          ["Content-Type", "application/json"],
        ],
        body: Buffer.from("client_id=x"),
      },
      5000,
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ status: 400, message: "Bad Request" });
    expect(answer.headers[DIAGNOSIS_HEADERS.code]).toEqual(["header_repeated"]);
  });
});

describe("the rig's own API", () => {
  function rigApi(method: string, path: string, body: string, headers: [string, string][] = []) {
    return exchange(
      port,
      { method, path, headers: [["Content-Type", "application/json"], ...headers], body: Buffer.from(body) },
      5000,
    );
  }

  it("refuses a PubSub message nested thousands deep with 400 body_too_deep in its own error shape", async () => {
    const token = signExtensionJwt(
      buildBroadcasterClaims({ channelId: FIRST_CHANNEL, clock: rig.now }),
      rig.state.secrets.ring(),
      rig.now,
    );
    const answer = await rigApi(
      "POST",
      "/rig/api/pubsub/send",
      `{"token":"${token}","target":"broadcast","message":${nested(10_000)}}`,
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: "body_too_deep", message: expect.stringMatching(/levels deep/) },
    });
  });

  it("answers JSON that does not parse, a body not in its encoding and a bad path with a 4xx and a sentence", async () => {
    const notJson = await rigApi("PATCH", "/rig/api/faults", "{");
    expect([notJson.status, JSON.parse(notJson.body).error.code]).toEqual([400, "body_invalid"]);
    const gzip = await rigApi("PATCH", "/rig/api/faults", '{"chatFailureRate":0}', [
      ["Content-Encoding", "gzip"],
    ]);
    expect([gzip.status, JSON.parse(gzip.body).error.code]).toEqual([400, "body_encoding_invalid"]);
    const path = await rigApi("PATCH", "/rig/api/channels/%E0%A4%A", "{}");
    expect(path.status).toBe(400);
    expect(JSON.parse(path.body).error).toEqual({
      code: "bad_request",
      message: expect.stringMatching(/malformed/),
    });
  });

  it("relays a message with __proto__ and constructor keys as own fields, never as a prototype", async () => {
    const received: PubSubEvent[] = [];
    rig.state.on("pubsub", (event) => received.push(event));
    const token = signExtensionJwt(
      buildBroadcasterClaims({ channelId: FIRST_CHANNEL, clock: rig.now }),
      rig.state.secrets.ring(),
      rig.now,
    );
    const answer = await rigApi(
      "POST",
      "/rig/api/pubsub/send",
      `{"__proto__":{"polluted":true},"token":"${token}","target":"broadcast","message":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}`,
    );
    expect(answer.status).toBe(204);
    const message = received[0]?.message as Record<string, unknown>;
    expect(Object.getPrototypeOf(message)).toBe(Object.prototype);
    expect(Object.keys(message)).toEqual(["__proto__", "constructor"]);
    expect("polluted" in message).toBe(false);
    expect("polluted" in {}).toBe(false);
  });
});
