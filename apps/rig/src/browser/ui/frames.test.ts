// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RIG_MESSAGE_SOURCE } from "../protocol.ts";
import { testRigState } from "../test-state.ts";
import { createFrames, type Frames } from "./frames.ts";
import { createUiStore, type UiStore } from "./store.ts";

const PANEL = "http://localhost:8080/index.html";
const CHANNEL = "41000001";

const rigState = () =>
  testRigState({
    channelId: CHANNEL,
    users: [{ id: "51000001", login: "ana", displayName: "Ana", kind: "viewer" }],
  });

let tokenRequests: Record<string, unknown>[];
let store: UiStore;
let container: HTMLElement;
let frames: Frames;

beforeEach(() => {
  tokenRequests = [];
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body ?? "{}"));
    expect(url).toBe("/rig/api/tokens");
    tokenRequests.push(body);
    const identified = body.viewer === "identified";
    const n = tokenRequests.length;
    return Response.json({
      auth: {
        channelId: body.channelId,
        clientId: "rigclient",
        token: `token-${n}`,
        helixToken: "h",
        userId: "U1",
      },
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      viewer: {
        opaqueId: identified ? "U1" : "A1",
        id: identified ? "51000001" : null,
        role: "viewer",
        isLinked: identified,
      },
    });
  });
  store = createUiStore(rigState(), CHANNEL);
  container = document.createElement("div");
  document.body.append(container);
  frames = createFrames({ store, panelUrl: PANEL, container, contextTickMs: 0 });
});

afterEach(() => {
  frames.dispose();
  container.remove();
  vi.unstubAllGlobals();
});

function frameWindow(n: number): Window {
  const iframe = container.querySelector<HTMLIFrameElement>(`[data-testid="rig-frame-${n}"]`);
  if (!iframe?.contentWindow) throw new Error(`no frame ${n}`);
  return iframe.contentWindow;
}

function fromFrame(n: number, type: string, origin = "http://localhost:8080"): void {
  window.dispatchEvent(
    new MessageEvent("message", {
      data: { source: RIG_MESSAGE_SOURCE, type },
      origin,
      source: frameWindow(n),
    }),
  );
}

describe("rig UI panel frames", () => {
  it("embeds the panel with Twitch's query parameters and labels the frame with its viewer", () => {
    frames.add({ kind: "identified", mode: "viewer" });
    const iframe = container.querySelector<HTMLIFrameElement>('[data-testid="rig-frame-1"]');
    expect(iframe?.dataset.viewer).toBe("identified");
    const src = new URL(iframe?.getAttribute("src") ?? "");
    expect(src.origin + src.pathname).toBe(PANEL);
    expect(Object.fromEntries(src.searchParams)).toEqual({
      anchor: "panel",
      language: "en",
      locale: "en-US",
      mode: "viewer",
      platform: "web",
      popout: "false",
      state: "testing",
    });
  });

  it("sends viewer frames a playback context about once a second, as Twitch does while video plays", async () => {
    frames.dispose();
    frames = createFrames({ store, panelUrl: PANEL, container, contextTickMs: 10 });
    frames.add({ kind: "identified", mode: "viewer" });
    frames.add({ kind: "broadcaster", mode: "config" });
    const viewerPost = vi.spyOn(frameWindow(1), "postMessage").mockImplementation(() => undefined);
    const configPost = vi.spyOn(frameWindow(2), "postMessage").mockImplementation(() => undefined);
    fromFrame(1, "ready");
    fromFrame(2, "ready");
    const ticks = () =>
      viewerPost.mock.calls.filter(([m]) =>
        (m as { changed?: string[] }).changed?.includes("hlsLatencyBroadcaster"),
      );
    await vi.waitFor(() => expect(ticks().length).toBeGreaterThanOrEqual(2));
    expect(
      configPost.mock.calls.some(([m]) =>
        (m as { changed?: string[] }).changed?.includes("hlsLatencyBroadcaster"),
      ),
    ).toBe(false);
  });

  it("frames the broadcaster's config page, not the panel, for mode=config", () => {
    frames.add({ kind: "broadcaster", mode: "config" });
    const iframe = container.querySelector<HTMLIFrameElement>('[data-testid="rig-frame-1"]');
    const src = new URL(iframe?.getAttribute("src") ?? "");
    expect(src.origin + src.pathname).toBe("http://localhost:8080/config.html");
    expect(src.searchParams.get("mode")).toBe("config");
    expect(iframe?.dataset.viewer).toBe("broadcaster");
  });

  it("answers a frame's ready with a fresh token, then features and context, addressed to the panel's origin", async () => {
    frames.add({ kind: "anonymous", mode: "viewer" });
    const post = vi.spyOn(frameWindow(1), "postMessage").mockImplementation(() => undefined);
    fromFrame(1, "ready");
    await vi.waitFor(() =>
      expect(post.mock.calls.map(([m]) => (m as { type: string }).type)).toContain("authorized"),
    );
    expect(tokenRequests).toEqual([{ channelId: CHANNEL, viewer: "anonymous" }]);
    const types = post.mock.calls.map(([m]) => (m as { type: string }).type);
    expect(types.indexOf("features")).toBeGreaterThan(types.indexOf("authorized"));
    expect(types).toContain("context");
    expect(post.mock.calls.map((call) => call[1] as unknown)).toEqual(
      types.map(() => "http://localhost:8080"),
    );
    const authorized = post.mock.calls.find(([m]) => (m as { type: string }).type === "authorized")?.[0];
    expect(authorized).toMatchObject({
      auth: { token: "token-1", channelId: CHANNEL },
      viewer: { opaqueId: "A1" },
    });
  });

  it("ignores a ready message from another origin", async () => {
    frames.add({ kind: "anonymous", mode: "viewer" });
    fromFrame(1, "ready", "http://localhost:9999");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tokenRequests).toEqual([]);
  });

  it("turns an anonymous frame into an identity-shared one on requestIdShare", async () => {
    frames.add({ kind: "anonymous", mode: "viewer" });
    const post = vi.spyOn(frameWindow(1), "postMessage").mockImplementation(() => undefined);
    fromFrame(1, "ready");
    await vi.waitFor(() => expect(tokenRequests).toHaveLength(1));
    fromFrame(1, "requestIdShare");
    await vi.waitFor(() => expect(tokenRequests).toHaveLength(2));
    expect(tokenRequests[1]).toEqual({ channelId: CHANNEL, viewer: "identified" });
    await vi.waitFor(() =>
      expect(
        post.mock.calls.some(([m]) => (m as { auth?: { token: string } }).auth?.token === "token-2"),
      ).toBe(true),
    );
    expect(container.querySelector('[data-testid="rig-frame-1"]')?.getAttribute("data-viewer")).toBe(
      "identified",
    );
    expect(container.querySelector(".frame-label")?.textContent).toContain("Ana");
  });

  it("tells the frames when chat is no longer enabled on the channel", async () => {
    frames.add({ kind: "identified", mode: "viewer" });
    const post = vi.spyOn(frameWindow(1), "postMessage").mockImplementation(() => undefined);
    fromFrame(1, "ready");
    await vi.waitFor(() => expect(tokenRequests).toHaveLength(1));
    const state = rigState();
    store.setState({ ...state, channels: state.channels.map((c) => ({ ...c, chatGranted: false })) });
    expect(post).toHaveBeenLastCalledWith(
      expect.objectContaining({
        type: "features",
        features: expect.objectContaining({ isChatEnabled: false }),
      }),
      "http://localhost:8080",
    );
  });

  it("removes a frame with its remove button", () => {
    frames.add({ kind: "moderator", mode: "viewer" });
    frames.add({ kind: "broadcaster", mode: "config" });
    container.querySelector<HTMLButtonElement>('[data-testid="rig-frame-remove-1"]')?.click();
    expect(container.querySelector('[data-testid="rig-frame-1"]')).toBeNull();
    const remaining = container.querySelector<HTMLIFrameElement>('[data-testid="rig-frame-2"]');
    expect(remaining?.dataset.viewer).toBe("broadcaster");
    expect(new URL(remaining?.getAttribute("src") ?? "").searchParams.get("mode")).toBe("config");
  });
});
