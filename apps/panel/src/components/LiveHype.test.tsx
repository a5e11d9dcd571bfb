import type { LiveState } from "@ext/shared";
import { act, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type FakeEbs, liveState } from "../../test/fake-ebs.ts";
import { type FakeTwitchExt, viewerToken } from "../../test/fake-twitch-ext.ts";
import { withPanelFakes } from "../../test/panel-fakes.ts";
import { renderPanel } from "../../test/render-panel.tsx";

let ebs: FakeEbs;
let twitch: FakeTwitchExt;
withPanelFakes((fakes) => {
  ({ ebs, twitch } = fakes);
});

const ana = { displayName: "Ana", kind: "hype" as const, at: "2026-12-01T17:05:00.000Z" };
const anonymous = { displayName: null, kind: "hype" as const, at: "2026-12-01T17:04:00.000Z" };

function authorize(token = viewerToken()): string {
  act(() => twitch.authorize({ token }));
  return token;
}

/** What Twitch delivers to `listen("broadcast")` when the EBS broadcasts `state`. */
function broadcast(state: LiveState): void {
  act(() => twitch.pubsub(JSON.stringify({ type: "live", state })));
}

/** The count the panel shows, e.g. "12 hypes this stream". */
const countLine = () => document.querySelector(".live__count")?.textContent ?? "";
const hypers = () => [...document.querySelectorAll(".live__hyper")].map((li) => li.textContent?.trim());
/** The live hype's polite announcement (not the click's `status`). */
const announcement = () => document.querySelector("p[aria-live]:not([role])")?.textContent ?? "";

async function opened(state: LiveState): Promise<void> {
  ebs.answerLive({ status: 200, json: state });
  renderPanel({ ebsUrl: ebs.url });
  authorize();
  await waitFor(() => expect(countLine()).toMatch(new RegExp(`^${state.streamCount} hypes? this stream$`)));
}

describe("the live hype in the panel", () => {
  it("reads GET /api/live with the viewer's token once authorized: the count and hypers at once, mid-stream", async () => {
    ebs.answerLive({
      status: 200,
      json: liveState({ version: 7, streamCount: 12, recent: [ana, anonymous] }),
    });
    renderPanel({ ebsUrl: ebs.url });
    expect(ebs.liveRequests).toHaveLength(0);
    const token = authorize();

    await waitFor(() => expect(countLine()).toBe("12 hypes this stream"));
    expect(hypers()).toEqual(["🎉 Ana", "🎉 Someone"]);
    expect(screen.getByText("Latest hype from")).toBeVisible();
    expect(ebs.liveRequests).toMatchObject([
      { method: "GET", path: "/api/live", authorization: `Bearer ${token}` },
    ]);
    expect(ebs.requests, "reading is not an action").toEqual([]);
  });

  it("lists a Bits purchase among the hypers with Bits' gem (a purchase has no button of its own)", async () => {
    const purchase = { displayName: "Bo", kind: "purchase" as const, at: "2026-12-01T17:06:00Z" };
    await opened(liveState({ version: 8, streamCount: 3, recent: [purchase, ana] }));
    expect(hypers()).toEqual(["💎 Bo", "🎉 Ana"]);
  });

  it("names what the count counts: this stream, the last one while offline, everything before any stream", async () => {
    await opened(liveState({ streamCount: 2 }));
    broadcast(
      liveState({ version: 2, streamCount: 1, stream: { live: true, startedAt: "2026-12-01T18:00:00Z" } }),
    );
    expect(countLine()).toBe("1 hype this stream");
    broadcast(
      liveState({ version: 3, streamCount: 3, stream: { live: false, startedAt: "2026-12-01T18:00:00Z" } }),
    );
    expect(countLine()).toBe("3 hypes last stream");
    broadcast(liveState({ version: 4, streamCount: 5, stream: { live: false, startedAt: null } }));
    expect(countLine()).toBe("5 hypes so far");
  });

  it("invites the first hype when nobody has sent any", async () => {
    await opened(liveState());
    expect(screen.getByText("No hype yet: be the first!")).toBeVisible();
  });

  it("follows the broadcasts, keeping the highest version: an older one, a broken one or another channel's changes nothing", async () => {
    await opened(liveState({ version: 5, streamCount: 4 }));
    expect(twitch.listeners("broadcast")).toBe(1);

    broadcast(liveState({ version: 6, streamCount: 5, recent: [ana] }));
    expect(countLine()).toBe("5 hypes this stream");
    expect(hypers()).toEqual(["🎉 Ana"]);

    broadcast(liveState({ version: 5, streamCount: 4 }));
    act(() => twitch.pubsub("not json"));
    act(() => twitch.pubsub(JSON.stringify({ type: "live", state: { channelId: "1234", version: 99 } })));
    act(() => twitch.pubsub(JSON.stringify({ type: "other", state: liveState({ version: 99 }) })));
    broadcast(liveState({ channelId: "9999", version: 99, streamCount: 1_000 }));
    act(() => twitch.pubsub(JSON.stringify({ type: "live", state: liveState({ version: 99 }) }), "global"));

    expect(countLine()).toBe("5 hypes this stream");
    expect(hypers()).toEqual(["🎉 Ana"]);
  });

  it("a slow read that answers after a newer broadcast does not move the count back", async () => {
    await opened(liveState({ version: 1, streamCount: 1 }));
    ebs.answerLive({ status: 200, json: liveState({ version: 2, streamCount: 2 }), afterMs: 150 });
    act(() => window.dispatchEvent(new Event("online")));
    broadcast(liveState({ version: 3, streamCount: 3 }));
    await waitFor(() => expect(ebs.liveRequests).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(countLine()).toBe("3 hypes this stream");
  });

  it("catches up after missed broadcasts: tab shown again, network back, the helper's onVisibilityChanged(true)", async () => {
    await opened(liveState({ version: 1, streamCount: 1 }));

    ebs.answerLive({ status: 200, json: liveState({ version: 2, streamCount: 2 }) });
    act(() => document.dispatchEvent(new Event("visibilitychange")));
    await waitFor(() => expect(countLine()).toBe("2 hypes this stream"));

    ebs.answerLive({ status: 200, json: liveState({ version: 3, streamCount: 3 }) });
    act(() => window.dispatchEvent(new Event("online")));
    await waitFor(() => expect(countLine()).toBe("3 hypes this stream"));

    ebs.answerLive({ status: 200, json: liveState({ version: 4, streamCount: 4 }) });
    act(() => twitch.setVisible(false));
    act(() => twitch.setVisible(true));
    await waitFor(() => expect(countLine()).toBe("4 hypes this stream"));
    expect(ebs.liveRequests).toHaveLength(4);
  });

  it("reads again with the next token after a failed read (an expired token)", async () => {
    ebs.answerLive({
      status: 401,
      json: { error: { code: "token_expired", message: "The token expired." } },
    });
    renderPanel({ ebsUrl: ebs.url });
    authorize();
    await waitFor(() => expect(ebs.liveRequests).toHaveLength(1));
    expect(document.querySelector(".live__tile")).toBeNull();

    ebs.answerLive({ status: 200, json: liveState({ version: 2, streamCount: 8 }) });
    const fresh = authorize();
    await waitFor(() => expect(countLine()).toBe("8 hypes this stream"));
    expect(ebs.liveRequests.at(-1)?.authorization).toBe(`Bearer ${fresh}`);
  });

  it("pops the count when it grows, not when the panel opens", async () => {
    await opened(liveState({ version: 1, streamCount: 4 }));
    expect(document.querySelector(".live__number--grew")).toBeNull();
    broadcast(liveState({ version: 2, streamCount: 5 }));
    expect(document.querySelector(".live__number--grew")).toHaveTextContent("5");
  });

  it("announces a growing count politely, not when it opens, and not on every broadcast of a flood", async () => {
    await opened(liveState({ version: 1, streamCount: 4 }));
    expect(announcement()).toBe("");
    expect(screen.getByRole("status"), "the click's live region stays the only status").toBeEmptyDOMElement();

    broadcast(liveState({ version: 2, streamCount: 5 }));
    await waitFor(() => expect(announcement()).toBe("5 hypes this stream"));
    for (let version = 3; version < 20; version++)
      broadcast(liveState({ version, streamCount: version + 3 }));
    expect(countLine()).toBe("22 hypes this stream");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(announcement(), "the flood is announced once the interval is up").toBe("5 hypes this stream");
  });

  it("speaks the viewer's language, with its plurals and numbers", async () => {
    ebs.answerLive({ status: 200, json: liveState({ streamCount: 1_234, recent: [anonymous] }) });
    renderPanel({ ebsUrl: ebs.url, search: "?language=de&locale=de-DE" });
    authorize();
    await waitFor(() => expect(countLine()).toBe("1.234 Hypes in diesem Stream"));
    expect(hypers()).toEqual(["🎉 Jemand"]);
    broadcast(liveState({ version: 2, streamCount: 1 }));
    expect(countLine()).toBe("1 Hype in diesem Stream");
  });

  it("stops listening, and reading on wake-ups, when the panel goes away", async () => {
    const { unmount } = renderPanel({ ebsUrl: ebs.url });
    authorize();
    await waitFor(() => expect(countLine()).toBe("0 hypes this stream"));
    expect(twitch.listeners("broadcast")).toBe(1);

    unmount();

    expect(twitch.listeners("broadcast")).toBe(0);
    window.dispatchEvent(new Event("online"));
    document.dispatchEvent(new Event("visibilitychange"));
    twitch.setVisible(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ebs.liveRequests).toHaveLength(1);
  });
});
