import { actionStatusPath, EBS_PATHS } from "@ext/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_ID, CLIENT_SECRET, type Harness, startHarness } from "./support/harness.ts";
import { until } from "./support/until.ts";

let h: Harness;
const viewerTokens: string[] = [];
const bodies: string[] = [];

/** Posts an action as `token` and, when queued, reads its status until the queue is done with it. */
async function act(token: string, expected: number | "sent" | "failed", afterFirstCall = () => {}) {
  viewerTokens.push(token);
  const res = await h.ebs
    .post(EBS_PATHS.action)
    .set("Authorization", `Bearer ${token}`)
    .set("Cookie", "session=viewer-cookie-value")
    .send({ action: "hype" });
  bodies.push(res.text);
  if (typeof expected === "number") {
    expect(res.status).toBe(expected);
    return;
  }
  expect(res.status).toBe(202);
  const calls = h.fake.chatCalls;
  await until(() => h.fake.chatCalls > calls);
  await h.chatSettled();
  afterFirstCall();
  h.advance(60_000);
  const status = await h.ebs
    .get(actionStatusPath(res.body.actionId))
    .set("Authorization", `Bearer ${token}`)
    .set("Cookie", "session=viewer-cookie-value");
  bodies.push(status.text);
  expect(status.body.status).toBe(expected);
}

beforeAll(async () => {
  h = await startHarness({ timeoutMs: 200, queue: { retry: { maxAttempts: 1, baseMs: 10, maxMs: 10 } } });
  await act(h.token(), "sent");
  h.fake.chatMode = { kind: "status", status: 401 };
  await act(h.token(), "failed");
  h.fake.setChannel(CHANNEL_ID, { chatGranted: false });
  h.fake.chatMode = { kind: "judge" };
  await act(h.token(), "failed");
  h.fake.chatMode = { kind: "close" };
  await act(h.token(), "failed");
  h.fake.chatMode = { kind: "hang" };
  await act(h.token(), "failed");
  h.fake.chatMode = { kind: "rate_limited", resetInSeconds: 10 };
  h.fake.usersFail = true;
  h.advance(11 * 60 * 1000);
  await act(h.token(), "sent", () => {
    h.fake.setChannel(CHANNEL_ID, { chatGranted: true });
    h.fake.chatMode = { kind: "judge" };
  });
  await act(`${h.token().slice(0, -3)}abc`, 401);
});
afterAll(async () => {
  await h.close();
});

describe("what the EBS writes and answers", () => {
  it("exercised every path it meant to (sent, refused, unreachable, rate limited, bad token)", () => {
    expect(h.fake.accepted).toHaveLength(2);
    expect(h.fake.chatBearers.length).toBeGreaterThanOrEqual(6);
    // At least one app token was issued (a second one when a token request outlived the 200 ms timeout on a
    // loaded machine): every issued token is in the forbidden list below.
    expect(h.fake.issuedTokens.length).toBeGreaterThanOrEqual(1);
    expect(h.logLines().filter((l) => l.event === "chat_send").length).toBeGreaterThanOrEqual(6);
  });

  it("never contains the extension secret, the client secret, a viewer token, an external JWT or an app token", () => {
    const secretBytes = Buffer.from(h.secretBase64, "base64");
    const forbidden = [
      h.secretBase64,
      secretBytes.toString("hex"),
      secretBytes.toString("base64url"),
      CLIENT_SECRET,
      ...viewerTokens,
      ...viewerTokens.map((t) => t.split(".")[2] ?? t),
      ...h.fake.chatBearers,
      ...h.fake.chatBearers.map((t) => t.split(".")[2] ?? t),
      ...h.fake.issuedTokens,
    ];
    const logs = h.logText();
    const answers = bodies.join("\n");
    for (const value of forbidden) {
      expect(value.length).toBeGreaterThan(10);
      expect(logs).not.toContain(value);
      expect(answers).not.toContain(value);
    }
    expect(logs).not.toContain("viewer-cookie-value");
  });

  it("logs the requests with their Authorization header redacted", () => {
    const requests = h.logLines().filter((l) => typeof l.req === "object");
    expect(requests.length).toBeGreaterThanOrEqual(viewerTokens.length);
    for (const line of requests) {
      const headers = (line.req as { headers: Record<string, unknown> }).headers;
      expect(headers.authorization).toBe("[redacted]");
    }
  });

  it("never answers with a stack trace", () => {
    expect(bodies.join("\n")).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  });
});
