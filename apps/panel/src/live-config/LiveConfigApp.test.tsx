import type { LiveState } from "@ext/shared";
import { act, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type FakeEbs, liveDashboard, liveState } from "../../test/fake-ebs.ts";
import { type FakeTwitchExt, viewerToken } from "../../test/fake-twitch-ext.ts";
import { withPanelFakes } from "../../test/panel-fakes.ts";
import { renderLiveConfig } from "../../test/render-live-config.tsx";
import { formatTime } from "./format-time.ts";
import { DASHBOARD_REREAD_MS } from "./LiveDashboardView.tsx";

let ebs: FakeEbs;
let twitch: FakeTwitchExt;
withPanelFakes((fakes) => {
  ({ ebs, twitch } = fakes);
});

const broadcasterToken = () => viewerToken({ userId: "1234", role: "broadcaster" });
const counts = () => [...document.querySelectorAll(".live__count")].map((p) => p.textContent);
const broadcast = (state: LiveState) => act(() => twitch.pubsub(JSON.stringify({ type: "live", state })));

const refused = liveDashboard({
  state: liveState({
    version: 9,
    streamCount: 3,
    allTimeCount: 41,
    recent: [{ displayName: "Bo", kind: "hype", at: "2026-12-01T17:30:00.000Z" }],
  }),
  chat: { state: "refused", lastSentAt: "2026-12-01T17:20:00.000Z" },
  lastRefusal: {
    at: "2026-12-01T17:31:00.000Z",
    call: "chat",
    status: 401,
    code: "chat_not_granted",
    words:
      "The broadcaster has not granted chat: grant it in the Creator Dashboard → Extensions → Permissions.",
  },
});

describe("the live config view (mode=dashboard)", () => {
  it("waits for Twitch before it reads anything", () => {
    renderLiveConfig({ ebsUrl: ebs.url });
    expect(screen.getByText("Waiting for Twitch…")).toBeInTheDocument();
    expect(ebs.liveRequests).toEqual([]);
  });

  it("reads GET /api/live/dashboard with the broadcaster's token: counts, hypers, chat's health and Twitch's last refusal in words", async () => {
    ebs.answerLive({ status: 200, json: refused });
    renderLiveConfig({ ebsUrl: ebs.url });
    const token = broadcasterToken();
    act(() => twitch.authorize({ token }));

    await waitFor(() => expect(counts()).toEqual(["3 hypes this stream", "41 hypes all time"]));
    expect(ebs.liveRequests).toMatchObject([
      { method: "GET", path: "/api/live/dashboard", authorization: `Bearer ${token}` },
    ]);
    expect(screen.getByText("Chat is refused: Twitch turned down the last message.")).toBeVisible();
    const at = (iso: string) => formatTime(iso, "en");
    expect(screen.getByText(`Last message in chat: ${at("2026-12-01T17:20:00.000Z")}.`)).toBeVisible();
    expect(
      screen.getByText(`Twitch's last refusal (chat, HTTP 401, ${at("2026-12-01T17:31:00.000Z")}):`),
    ).toBeVisible();
    expect(screen.getByText(refused.lastRefusal?.words ?? "")).toBeVisible();
    expect(document.querySelector(".live__hyper")).toHaveTextContent(`Bo ${at("2026-12-01T17:30:00.000Z")}`);
    expect(screen.getByText(`Live since ${at("2026-12-01T17:00:00.000Z")}.`)).toBeVisible();
  });

  it("says chat works, or was not tried, and that Twitch refused nothing", async () => {
    ebs.answerLive({ status: 200, json: liveDashboard() });
    renderLiveConfig({ ebsUrl: ebs.url });
    act(() => twitch.authorize({ token: broadcasterToken() }));
    await screen.findByText("Chat not tried yet: nobody has sent hype.");
    expect(screen.getByText("Twitch has refused nothing so far.")).toBeVisible();
    expect(screen.getByText("No hype yet: be the first!")).toBeVisible();

    ebs.answerLive({
      status: 200,
      json: liveDashboard({
        state: liveState({ version: 2, stream: { live: false, startedAt: null } }),
        chat: { state: "working", lastSentAt: null },
      }),
    });
    act(() => window.dispatchEvent(new Event("online")));
    await screen.findByText("Chat works: the last message reached chat.");
    expect(screen.getByText("Offline. No stream seen yet.")).toBeVisible();
  });

  it("takes each broadcast's counts at once and reads the dashboard again, at most once per interval", async () => {
    ebs.answerLive({
      status: 200,
      json: liveDashboard({ state: liveState({ version: 1, streamCount: 1 }) }),
    });
    renderLiveConfig({ ebsUrl: ebs.url });
    act(() => twitch.authorize({ token: broadcasterToken() }));
    await waitFor(() => expect(counts()[0]).toBe("1 hype this stream"));

    const older = { ...refused, state: liveState({ version: 4, streamCount: 4, allTimeCount: 39 }) };
    ebs.answerLive({ status: 200, json: older }, { status: 200, json: refused });
    for (let version = 2; version <= 6; version++)
      broadcast(liveState({ version, streamCount: version, allTimeCount: 40 }));
    expect(counts()).toEqual(["6 hypes this stream", "40 hypes all time"]);
    await screen.findByText("Chat is refused: Twitch turned down the last message.");
    expect(ebs.liveRequests).toHaveLength(2);
    expect(counts(), "the read's older state does not undo the broadcast").toEqual([
      "6 hypes this stream",
      "40 hypes all time",
    ]);

    await waitFor(() => expect(ebs.liveRequests).toHaveLength(3), { timeout: DASHBOARD_REREAD_MS + 1_000 });
    await waitFor(() => expect(counts()).toEqual(["3 hypes this stream", "41 hypes all time"]));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ebs.liveRequests, "one read for the flood's end, no more").toHaveLength(3);
  });

  it("shows the EBS's own words when it refuses (a token that is not the broadcaster's)", async () => {
    ebs.answerLive({
      status: 403,
      json: {
        error: {
          code: "role_not_allowed",
          message: "Only the broadcaster's token may read the dashboard; this one is a viewer's.",
        },
      },
    });
    renderLiveConfig({ ebsUrl: ebs.url });
    act(() => twitch.authorize({ token: viewerToken() }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The extension's server did not give the live hype:");
    expect(alert).toHaveTextContent(
      "Only the broadcaster's token may read the dashboard; this one is a viewer's.",
    );
  });

  it("speaks the broadcaster's language", async () => {
    ebs.answerLive({ status: 200, json: refused });
    renderLiveConfig({ ebsUrl: ebs.url, search: "?language=ja&locale=ja-JP" });
    act(() => twitch.authorize({ token: broadcasterToken() }));
    await waitFor(() => expect(counts()).toEqual(["3 回のハイプ（この配信）", "41 回のハイプ（累計）"]));
    expect(screen.getByRole("heading", { name: "Hype Chat ライブ" })).toBeVisible();
    expect(document.title).toBe("Hype Chat ライブ");
  });
});
