import { randomBytes } from "node:crypto";
import { EBS_PATHS, healthResponseSchema } from "@ext/shared";
import { badViewerTokens } from "@ext/shared/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_ID, type Harness, START, startHarness } from "./support/harness.ts";
import { until } from "./support/until.ts";

const secretBase64 = randomBytes(32).toString("base64");
const cases = badViewerTokens({ secretBase64, channelId: CHANNEL_ID, clock: () => START });

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ secretBase64 });
});
afterAll(async () => {
  await h.close();
});

describe("viewer tokens Twitch would refuse", () => {
  it("are at least 25 cases with several distinct causes", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(cases.map((c) => c.code)).size).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)("refuses $name with 401 $code, sends no chat and stays up", async ({ token, code }) => {
    const res = await h.post(token);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.length).toBeGreaterThan(10);
    expect(h.fake.chatCalls).toBe(0);
    const health = await h.ebs.get(EBS_PATHS.health);
    expect(health.status).toBe(200);
    expect(healthResponseSchema.safeParse(health.body).success).toBe(true);
  });

  it("still accepts a good token after all of them", async () => {
    const res = await h.post(h.token());
    expect(res.status).toBe(202);
    await until(() => h.fake.accepted.length === 1);
    expect(h.fake.accepted).toHaveLength(1);
  });
});
