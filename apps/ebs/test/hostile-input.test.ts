import { randomUUID } from "node:crypto";
import {
  apiErrorCodes,
  DEFAULT_BROADCASTER_SETTINGS,
  EBS_PATHS,
  JSON_NESTING_MAX,
  serializeBroadcasterSettings,
} from "@ext/shared";
import {
  type BaseCall,
  type HostileKind,
  type HostileRequest,
  hostileKinds,
  hostileRequest,
  isNodeParserRefusal,
  leaksIn,
} from "@ext/test-kit/hostile-requests";
import { exchange, type RawAnswer } from "@ext/test-kit/raw-http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_ID, CLIENT_SECRET, DEV_ORIGIN, type Harness, startHarness } from "./support/harness.ts";
import { until } from "./support/until.ts";

const RUNS = 200;
/** Per request: an EBS that holds a request this long has hung. */
const ANSWER_WITHIN_MS = 5000;

let h: Harness;
let port: number;
beforeAll(async () => {
  // No waiting for Twitch to show a saved configuration: a good settings call answers at once.
  h = await startHarness({ settings: true, storedSaveRetryMs: [] });
  port = Number(new URL(h.url).port);
});
afterAll(async () => {
  await h.close();
});

const json = (token: string): [string, string][] => [
  ["Authorization", `Bearer ${token}`],
  ["Content-Type", "application/json"],
];

function send(call: BaseCall): Promise<RawAnswer> {
  return exchange(port, { ...call, body: Buffer.from(call.body) }, ANSWER_WITHIN_MS);
}

const action = (body: string, headers: [string, string][] = []): BaseCall => ({
  method: "POST",
  path: EBS_PATHS.action,
  headers: [...json(h.token()), ...headers],
  body,
});

const settings = (body: string, headers: [string, string][] = []): BaseCall => ({
  method: "POST",
  path: EBS_PATHS.settingsChanged,
  headers: [...json(h.token("broadcaster")), ...headers],
  body,
});

function error(answer: RawAnswer): { status: number; code: string; message: string } {
  const { code, message } = (JSON.parse(answer.body) as { error: { code: string; message: string } }).error;
  return { status: answer.status, code, message };
}

describe("requests the EBS cannot read", () => {
  it("answers Content-Encoding gzip or deflate over a plain body with 415 body_invalid, not 500, on both routes", async () => {
    for (const encoding of ["gzip", "deflate"]) {
      const before = h.fake.chatCalls;
      const onAction = error(await send(action('{"action":"hype"}', [["Content-Encoding", encoding]])));
      expect(onAction).toMatchObject({ status: 415, code: "body_invalid" });
      expect(onAction.message).toBe(
        `The EBS reads bodies uncompressed: send the JSON without Content-Encoding (this request has "${encoding}").`,
      );
      const onSettings = error(await send(settings('{"content":"{}"}', [["Content-Encoding", encoding]])));
      expect(onSettings).toMatchObject({ status: 415, code: "body_invalid" });
      expect(h.fake.chatCalls).toBe(before);
    }
  });

  it("answers an unknown or stacked encoding and an unknown charset with 415 body_invalid", async () => {
    for (const encoding of ["gzip, gzip", "br", "x-evil"]) {
      const answer = error(await send(action('{"action":"hype"}', [["Content-Encoding", encoding]])));
      expect(answer).toMatchObject({ status: 415, code: "body_invalid" });
    }
    const charset = await send({
      ...action('{"action":"hype"}'),
      headers: [
        ["Authorization", `Bearer ${h.token()}`],
        ["Content-Type", "application/json; charset=klingon"],
      ],
    });
    expect(error(charset)).toEqual({
      status: 415,
      code: "body_invalid",
      message: "The body's charset is not supported: send UTF-8 JSON.",
    });
  });

  it("answers JSON nested deeper than the limit with 400 body_invalid naming the body to send", async () => {
    const deep = `{"content":${"[".repeat(JSON_NESTING_MAX)}${"]".repeat(JSON_NESTING_MAX)}}`;
    expect(error(await send(settings(deep)))).toEqual({
      status: 400,
      code: "body_invalid",
      message: `The body nests arrays or objects more than ${JSON_NESTING_MAX} levels deep: send {"content":"<the broadcaster segment just set>"}.`,
    });
    const deepAction = error(await send(action(`{"action":${"[".repeat(1000)}${"]".repeat(1000)}}`)));
    expect(deepAction).toMatchObject({ status: 400, code: "body_invalid" });
  });

  it("refuses two Authorization headers with 401 token_malformed, even when both hold a good token", async () => {
    const before = h.fake.chatCalls;
    const answer = error(await send(action('{"action":"hype"}', [["Authorization", `Bearer ${h.token()}`]])));
    expect(answer).toEqual({
      status: 401,
      code: "token_malformed",
      message:
        "The request has more than one Authorization header: send exactly one, `Authorization: Bearer <token>`.",
    });
    expect(h.fake.chatCalls).toBe(before);
  });

  it("refuses two Content-Type headers with 400 body_invalid", async () => {
    const answer = error(await send(action('{"action":"hype"}', [["Content-Type", "text/plain"]])));
    expect(answer).toMatchObject({ status: 400, code: "body_invalid" });
    expect(answer.message).toMatch(/more than one Content-Type header/);
  });

  it("refuses __proto__ and constructor keys in an action as unknown fields and pollutes nothing", async () => {
    for (const member of ['"__proto__":{"polluted":true}', '"constructor":{"prototype":{"polluted":true}}']) {
      const answer = error(await send(action(`{${member},"action":"hype"}`)));
      expect(answer).toMatchObject({ status: 400, code: "body_invalid" });
      expect(answer.message).toMatch(/unknown field\(s\) "(__proto__|constructor)"/);
    }
    const saved = await send(settings('{"__proto__":{"polluted":true},"content":"{}"}'));
    expect(saved.status).toBe(200);
    expect("polluted" in {}).toBe(false);
  });
});

/**
 * Good calls to every route the EBS serves (an unknown action id answers 404 at once; a known one would
 * long-poll on the harness's manual clock).
 */
function goodCalls(): BaseCall[] {
  return [
    action('{"action":"hype"}'),
    settings(JSON.stringify({ content: serializeBroadcasterSettings(DEFAULT_BROADCASTER_SETTINGS) })),
    { method: "GET", path: `${EBS_PATHS.action}/${randomUUID()}`, headers: json(h.token()), body: "" },
    { method: "GET", path: EBS_PATHS.health, headers: [], body: "" },
    { method: "GET", path: EBS_PATHS.live, headers: json(h.token()), body: "" },
    { method: "GET", path: EBS_PATHS.liveDashboard, headers: json(h.token("broadcaster")), body: "" },
    {
      method: "OPTIONS",
      path: EBS_PATHS.action,
      headers: [
        ["Origin", DEV_ORIGIN],
        ["Access-Control-Request-Method", "POST"],
        ["Access-Control-Request-Headers", "authorization, content-type"],
      ],
      body: "",
    },
  ];
}

/** What is wrong with the EBS's answer to a hostile request; empty when nothing is. */
function problems(answer: RawAnswer): string[] {
  const found: string[] = [];
  if (answer.status >= 500) found.push(`answered ${answer.status}: ${answer.body}`);
  found.push(...leaksIn(answer, [h.secretBase64, CLIENT_SECRET]));
  if (answer.status >= 400 && !isNodeParserRefusal(answer)) {
    try {
      const { code, message } = error(answer);
      if (!(apiErrorCodes as readonly string[]).includes(code)) found.push(`unknown code ${code}`);
      if (typeof message !== "string" || message.length === 0)
        found.push(`a ${answer.status} with no message`);
    } catch {
      found.push(`a ${answer.status} not in the EBS's error shape: ${answer.body.slice(0, 100)}`);
    }
  }
  if ("polluted" in {}) found.push("Object.prototype was polluted");
  return found;
}

describe("hostile requests to the EBS", () => {
  it(`answer each of ${RUNS} with a 4xx and a sentence (never a 5xx), in time, leaking nothing`, async () => {
    const seen = new Map<HostileKind, number>();
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(hostileRequest(fc.constantFrom(...goodCalls())), async (request: HostileRequest) => {
        seen.set(request.kind, (seen.get(request.kind) ?? 0) + 1);
        const answer = await exchange(port, request, ANSWER_WITHIN_MS);
        statuses.add(answer.status);
        expect(
          problems(answer),
          `${request.kind}: ${request.label} to ${request.method} ${request.path.slice(0, 80)}`,
        ).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    for (const kind of hostileKinds) expect(seen.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(3);
    expect([400, 401, 413, 415].every((s) => statuses.has(s))).toBe(true);
  });

  it("is still up and sending afterwards", async () => {
    const health = await send({ method: "GET", path: EBS_PATHS.health, headers: [], body: "" });
    expect(health.status).toBe(200);
    const before = h.fake.accepted.length;
    const queued = await send(action('{"action":"hype"}'));
    expect(queued.status).toBe(202);
    // The hostile run queued good actions too: the channel's limit may hold this one for a minute.
    for (let minute = 0; minute < 5 && h.fake.accepted.length === before; minute++) {
      await h.chatSettled();
      h.advance(61_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await until(() => h.fake.accepted.length > before);
    expect(h.fake.accepted.at(-1)?.broadcasterId).toBe(CHANNEL_ID);
    expect("polluted" in Object.prototype).toBe(false);
  });
});
