import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIRST_CHANNEL, type RigUnderTest, startRig } from "../testing/rig-under-test.ts";

let rig: RigUnderTest;
beforeEach(async () => {
  rig = await startRig({ heartbeatMs: 50 });
});
afterEach(async () => {
  await rig.close();
});

function api(path: string, method: string, body?: unknown) {
  return fetch(`${rig.url}/rig/api${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Opens the SSE stream and collects the data of every `name` event until `count` arrived. */
async function collectEvents(name: string, count: number, act: () => Promise<unknown>): Promise<unknown[]> {
  const controller = new AbortController();
  const res = await fetch(`${rig.url}/rig/api/events`, { signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes(": connected")) text += decoder.decode((await reader.read()).value);
  await act();
  const found = () =>
    text
      .split("\n\n")
      .filter((block) => block.startsWith(`event: ${name}\n`))
      .map((block) => JSON.parse(block.split("\ndata: ")[1] ?? "null") as unknown);
  while (found().length < count) text += decoder.decode((await reader.read()).value, { stream: true });
  controller.abort();
  return found();
}

const context = `/channels/${FIRST_CHANNEL}/context`;

describe("GET and PATCH /rig/api/channels/:id/context", () => {
  it("starts every channel with Twitch's quiet defaults: dark theme, English, video, controls hidden", async () => {
    const res = await api(context, "GET");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      channelId: FIRST_CHANNEL,
      context: {
        theme: "dark",
        language: "en",
        game: "Software and Game Development",
        playbackMode: "video",
        isFullScreen: false,
        isTheatreMode: false,
        arePlayerControlsVisible: false,
        isPaused: false,
        isMuted: false,
        volume: 0.5,
      },
      query: { language: "en", locale: "en-US" },
      componentPosition: null,
    });
  });

  it("changes the context and the frames' query language, and tells the rig UI what changed over SSE", async () => {
    let answer: unknown;
    const [event] = await collectEvents("context", 1, async () => {
      const res = await api(context, "PATCH", {
        context: { language: "ja", theme: "light" },
        query: { language: "de" },
      });
      expect(res.status).toBe(200);
      answer = await res.json();
    });
    expect(answer).toMatchObject({
      context: { language: "ja", theme: "light", game: "Software and Game Development" },
      query: { language: "de", locale: "de-DE" },
    });
    expect(event).toMatchObject({
      channelId: FIRST_CHANNEL,
      context: { language: "ja", theme: "light" },
      query: { language: "de", locale: "de-DE" },
      changed: { context: ["theme", "language"], query: ["language", "locale"], componentPosition: false },
    });
    expect(await (await api(context, "GET")).json()).toMatchObject({ query: { locale: "de-DE" } });
  });

  it("keeps each channel's context apart and announces nothing when nothing changed", async () => {
    await api(context, "PATCH", { context: { isTheatreMode: true } });
    const other = await (await api("/channels/41000002/context", "GET")).json();
    expect(other).toMatchObject({ context: { isTheatreMode: false } });
    const events = await collectEvents("context", 1, async () => {
      await api(context, "PATCH", { context: { isTheatreMode: true } });
      await api(context, "PATCH", { componentPosition: { x: 60, y: 12.5 } });
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      componentPosition: { x: 60, y: 12.5 },
      changed: { context: [], query: [], componentPosition: true },
    });
  });

  it("refuses a key Twitch does not send, a value out of range and an unknown channel", async () => {
    const unknownKey = await api(context, "PATCH", { context: { colour: "red" } });
    expect(unknownKey.status).toBe(400);
    expect(await unknownKey.json()).toMatchObject({ error: { code: "body_invalid" } });
    const badLanguage = await api(context, "PATCH", { query: { language: "German!" } });
    expect(badLanguage.status).toBe(400);
    expect(JSON.stringify(await badLanguage.json())).toContain("language tag");
    expect((await api(context, "PATCH", { context: { volume: 2 } })).status).toBe(400);
    expect((await api(context, "PATCH", { componentPosition: { x: 101, y: 0 } })).status).toBe(400);
    expect((await api("/channels/999/context", "GET")).status).toBe(404);
    expect((await api("/channels/999/context", "PATCH", {})).status).toBe(404);
  });
});

describe("POST /rig/api/channels/:id/context/events", () => {
  it("sends onVisibilityChanged to the mobile and component views by default, over SSE", async () => {
    const [event] = await collectEvents("viewEvent", 1, async () => {
      const res = await api(`${context}/events`, "POST", { event: "visibility", isVisible: false });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        channelId: FIRST_CHANNEL,
        event: "visibility",
        isVisible: false,
        views: ["mobile", "component"],
      });
    });
    expect(event).toEqual({
      channelId: FIRST_CHANNEL,
      event: "visibility",
      isVisible: false,
      views: ["mobile", "component"],
    });
  });

  it("sends onHighlightChanged to the views named, and refuses a view Twitch never calls it in", async () => {
    const ok = await api(`${context}/events`, "POST", {
      event: "highlight",
      isHighlighted: true,
      views: ["video_overlay"],
    });
    expect(await ok.json()).toMatchObject({
      event: "highlight",
      isHighlighted: true,
      views: ["video_overlay"],
    });
    const refused = await api(`${context}/events`, "POST", {
      event: "highlight",
      isHighlighted: true,
      views: ["panel"],
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: {
        code: "view_without_event",
        message: "Twitch calls onHighlightChanged only in video_overlay and component views, not in panel.",
      },
    });
    expect((await api(`${context}/events`, "POST", { event: "visibility", isVisible: "no" })).status).toBe(
      400,
    );
  });
});

describe("PATCH /rig/api/extension: the version's views", () => {
  it("declares a view, removes one with null, and reports the views in the state", async () => {
    const res = await api("/extension", "PATCH", {
      views: { videoOverlay: { viewerPath: "overlay.html" }, mobile: null },
      requestIdentityLink: false,
    });
    expect(res.status).toBe(200);
    const { extension } = (await (await api("/state", "GET")).json()) as {
      extension: { views: Record<string, unknown>; requestIdentityLink: boolean };
    };
    expect(extension.requestIdentityLink).toBe(false);
    expect(extension.views).toEqual({
      panel: { viewerPath: "index.html", height: 400 },
      config: { viewerPath: "config.html" },
      liveConfig: { viewerPath: "live_config.html" },
      videoOverlay: { viewerPath: "overlay.html" },
    });
  });

  it("refuses what the console refuses: an absolute URL, a path with .., a panel over 500 px", async () => {
    for (const views of [
      { videoOverlay: { viewerPath: "https://cdn.example/overlay.html" } },
      { videoOverlay: { viewerPath: "/overlay.html" } },
      { mobile: { viewerPath: "../mobile.html" } },
      { panel: { viewerPath: "index.html", height: 501 } },
      { component: { viewerPath: "c.html", aspectWidth: 3, aspectHeight: 2, targetHeightPercent: 0 } },
      { popout: { viewerPath: "index.html" } },
    ]) {
      const res = await api("/extension", "PATCH", { views });
      expect(res.status, JSON.stringify(views)).toBe(400);
    }
    const { extension } = (await (await api("/state", "GET")).json()) as { extension: { views: object } };
    expect(Object.keys(extension.views).sort()).toEqual(["config", "liveConfig", "mobile", "panel"]);
  });
});
