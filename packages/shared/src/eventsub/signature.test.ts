import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  EVENTSUB_MAX_AGE_SECONDS,
  type EventSubSignedHeaders,
  signEventSubMessage,
  verifyEventSubMessage,
} from "./signature.ts";

const secret = "s3cr3t-of-the-subscription";
const NOW = Date.parse("2026-03-01T12:00:00Z");
const clock = () => NOW;
const body = '{"subscription":{"id":"x"},"event":{"id":"tx-1"}}';
const messageId = "e76c6bd4-55c9-4987-8304-da1588d8988b";
const timestamp = "2026-03-01T11:59:30.123456789Z";

function headers(overrides: Partial<EventSubSignedHeaders> = {}): EventSubSignedHeaders {
  return {
    messageId,
    timestamp,
    signature: signEventSubMessage({ secret, messageId, timestamp, body }),
    ...overrides,
  };
}

function verify(h: EventSubSignedHeaders, rawBody: Buffer | string = body, now = NOW) {
  return verifyEventSubMessage({ headers: h, rawBody, secret, clock: () => now });
}

describe("signEventSubMessage", () => {
  it('is "sha256=" and the hex HMAC-SHA256 of message id + timestamp + raw body, as Twitch documents', () => {
    const expected = createHmac("sha256", secret)
      .update(messageId + timestamp + body)
      .digest("hex");
    expect(signEventSubMessage({ secret, messageId, timestamp, body })).toBe(`sha256=${expected}`);
    expect(signEventSubMessage({ secret, messageId, timestamp, body: Buffer.from(body) })).toBe(
      `sha256=${expected}`,
    );
  });
});

describe("verifyEventSubMessage", () => {
  it("accepts a delivery signed with the subscription's secret, body as text or bytes", () => {
    expect(verify(headers())).toEqual({ ok: true });
    expect(verify(headers(), Buffer.from(body))).toEqual({ ok: true });
  });

  it("refuses a delivery missing any of the three headers, naming each missing one", () => {
    const result = verify({ messageId: undefined, timestamp, signature: undefined });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "eventsub_header_missing",
        message:
          "The delivery has no Twitch-Eventsub-Message-Id, Twitch-Eventsub-Message-Signature header: only Twitch's signed deliveries are accepted.",
      },
    });
    const noTimestamp = verify(headers({ timestamp: "" }));
    expect(!noTimestamp.ok && noTimestamp.error.message).toMatch(
      /no Twitch-Eventsub-Message-Timestamp header/,
    );
    const noId = verify(headers({ messageId: "" }));
    expect(!noId.ok && noId.error.code).toBe("eventsub_header_missing");
    const noSignature = verify(headers({ signature: undefined }));
    expect(!noSignature.ok && noSignature.error.message).toMatch(
      /^The delivery has no Twitch-Eventsub-Message-Signature header/,
    );
  });

  it("refuses a signature not in Twitch's format (other hash, uppercase, base64, bare hex)", () => {
    const hex = (headers().signature as string).slice("sha256=".length);
    for (const signature of [
      `sha1=${hex}`,
      `sha256=${hex.toUpperCase()}`,
      hex,
      `sha256=${hex}0`,
      ` sha256=${hex}`,
    ]) {
      const result = verify(headers({ signature }));
      expect(!result.ok && result.error.code).toBe("eventsub_signature_malformed");
    }
    const result = verify(headers({ signature: "sha256=zz" }));
    expect(!result.ok && result.error.message).toBe(
      'The signature header is not "sha256=" followed by 64 lowercase hex digits.',
    );
  });

  it("refuses a changed body, another message id or timestamp, another secret, and re-serialised JSON", () => {
    const cases: [EventSubSignedHeaders, string][] = [
      [headers(), body.replace("tx-1", "tx-2")],
      [headers({ messageId: "another" }), body],
      [headers({ timestamp: "2026-03-01T11:59:31Z" }), body],
      [
        headers({
          signature: signEventSubMessage({ secret: "another-secret", messageId, timestamp, body }),
        }),
        body,
      ],
      [headers(), JSON.stringify(JSON.parse(body), null, 2)],
    ];
    for (const [h, raw] of cases) {
      const result = verify(h, raw);
      expect(!result.ok && result.error.code).toBe("eventsub_signature_invalid");
    }
    const result = verify(headers(), "{}");
    expect(!result.ok && result.error.message).toMatch(/sign the raw body/);
  });

  it("refuses a timestamp that is not a date, even correctly signed", () => {
    const bad = "yesterday";
    const signature = signEventSubMessage({ secret, messageId, timestamp: bad, body });
    const result = verify({ messageId, timestamp: bad, signature });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "eventsub_timestamp_invalid",
        message: 'The timestamp "yesterday" is not an RFC 3339 date.',
      },
    });
    const long = "y".repeat(50);
    const longSignature = signEventSubMessage({ secret, messageId, timestamp: long, body });
    const longResult = verify({ messageId, timestamp: long, signature: longSignature });
    expect(!longResult.ok && longResult.error.message).toBe(
      `The timestamp "${"y".repeat(40)}" is not an RFC 3339 date.`,
    );
  });

  it("refuses deliveries older than 10 minutes and accepts one exactly 10 minutes old", () => {
    expect(EVENTSUB_MAX_AGE_SECONDS).toBe(600);
    const sent = "2026-03-01T11:50:00Z";
    const signature = signEventSubMessage({ secret, messageId, timestamp: sent, body });
    expect(verify({ messageId, timestamp: sent, signature })).toEqual({ ok: true });
    const result = verify({ messageId, timestamp: sent, signature }, body, NOW + 1000);
    expect(result).toEqual({
      ok: false,
      error: {
        code: "eventsub_timestamp_too_old",
        message: "The delivery was sent 601 s ago, more than 600 s: refused as a possible replay.",
      },
    });
  });

  it("refuses a timestamp more than 10 minutes ahead (a clock far off) and takes a shorter window", () => {
    const ahead = "2026-03-01T12:10:01Z";
    const signature = signEventSubMessage({ secret, messageId, timestamp: ahead, body });
    const result = verify({ messageId, timestamp: ahead, signature });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "eventsub_timestamp_in_future",
        message: "The delivery's timestamp is 601 s in the future: check this machine's clock.",
      },
    });
    expect(verify({ messageId, timestamp: ahead, signature }, body, NOW + 1000)).toEqual({ ok: true });
    const shorter = verifyEventSubMessage({
      headers: headers(),
      rawBody: body,
      secret,
      clock,
      maxAgeSeconds: 20,
    });
    expect(!shorter.ok && shorter.error.code).toBe("eventsub_timestamp_too_old");
  });
});
