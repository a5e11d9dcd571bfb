import { EBS_PATHS, liveDashboardSchema, liveStateSchema } from "@ext/shared";
import { afterEach, describe, expect, it } from "vitest";
import { CHANNEL_ID, type Harness, startHarness, VIEWER_NAME } from "./support/harness.ts";

/** `GET /api/live` and `/api/live/dashboard` through HTTP on the real EBS (a fake Twitch behind it). */
describe("the live routes", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("answers any frontend token of the channel with its state, and counts a sent action in it", async () => {
    h = await startHarness();
    const before = await h.ebs.get(EBS_PATHS.live).set("Authorization", `Bearer ${h.token()}`);
    expect(before.status).toBe(200);
    expect(before.headers["cache-control"]).toBe("no-store");
    expect(liveStateSchema.parse(before.body)).toMatchObject({
      channelId: CHANNEL_ID,
      allTimeCount: 0,
      version: 0,
    });

    const { final } = await h.act(h.token());
    expect(final.status).toBe("sent");
    let state = liveStateSchema.parse(
      (await h.ebs.get(EBS_PATHS.live).set("Authorization", `Bearer ${h.token()}`)).body,
    );
    for (let i = 0; i < 100 && state.allTimeCount === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = liveStateSchema.parse(
        (await h.ebs.get(EBS_PATHS.live).set("Authorization", `Bearer ${h.token()}`)).body,
      );
    }
    expect(state).toMatchObject({ allTimeCount: 1, streamCount: 1, version: 1 });
    expect(state.recent).toEqual([{ displayName: VIEWER_NAME, kind: "hype", at: expect.any(String) }]);
    const other = await h.ebs
      .get(EBS_PATHS.live)
      .set("Authorization", `Bearer ${h.token({ kind: "anonymous", userId: "424243" }, "2002")}`);
    expect(liveStateSchema.parse(other.body)).toMatchObject({ channelId: "2002", allTimeCount: 0 });
  });

  it("refuses a request without a token with a sentence", async () => {
    h = await startHarness();
    const res = await h.ebs.get(EBS_PATHS.live);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toEqual(expect.stringMatching(/Authorization/));
  });

  it("tells the broadcaster chat is refused, with Twitch's status and the EBS's words", async () => {
    h = await startHarness();
    h.fake.chatMode = { kind: "status", status: 401 };
    const { final } = await h.act(h.token());
    expect(final.status).toBe("failed");
    const res = await h.ebs
      .get(EBS_PATHS.liveDashboard)
      .set("Authorization", `Bearer ${h.token("broadcaster")}`);
    expect(res.status).toBe(200);
    const dashboard = liveDashboardSchema.parse(res.body);
    expect(dashboard.chat).toEqual({ state: "refused", lastSentAt: null });
    expect(dashboard.lastRefusal).toMatchObject({ call: "chat", status: 401, code: "chat_refused" });
    expect(dashboard.lastRefusal?.words).toBe(final.error?.message);
    expect(dashboard.state.allTimeCount).toBe(0);
  });

  it("refuses the dashboard to a viewer's token", async () => {
    h = await startHarness();
    const res = await h.ebs.get(EBS_PATHS.liveDashboard).set("Authorization", `Bearer ${h.token()}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("role_not_allowed");
  });
});
