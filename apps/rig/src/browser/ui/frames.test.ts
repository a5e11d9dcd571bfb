// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RIG_MESSAGE_SOURCE } from "../protocol.ts";
import { testContext, testRigState } from "../test-state.ts";
import { createFrames, type Frames } from "./frames.ts";
import { createUiStore, type UiStore } from "./store.ts";

const PANEL = "http://localhost:8080/index.html";
const CHANNEL = "41000001";
const SEARCH = `?panel=${encodeURIComponent(PANEL)}`;

const rigState = (input: Partial<Parameters<typeof testRigState>[0]> = {}) =>
  testRigState({
    channelId: CHANNEL,
    users: [
      { id: "51000001", login: "ana", displayName: "Ana", kind: "viewer" },
      { id: "51000002", login: "bo", displayName: "Bo", kind: "viewer" },
    ],
    ...input,
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
    const loggedIn = body.viewer !== "logged-out";
    const userId = body.userId ?? "51000001";
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
        opaqueId: identified ? `U${userId}` : "A1",
        id: identified ? userId : null,
        role: "viewer",
        isLinked: identified,
      },
      account: loggedIn ? { id: userId, displayName: userId === "51000002" ? "Bo" : "Ana" } : null,
    });
  });
  store = createUiStore(rigState(), testContext(CHANNEL));
  container = document.createElement("div");
  document.body.append(container);
  frames = createFrames({ store, search: SEARCH, container, contextTickMs: 0 });
});

afterEach(() => {
  frames.dispose();
  container.remove();
  vi.unstubAllGlobals();
});

const iframeOf = (key: string) =>
  container.querySelector<HTMLIFrameElement>(
    `[data-testid="rig-frame-${key}"], [data-testid="rig-view-${key}"]`,
  );

function frameWindow(key: string): Window {
  const window = iframeOf(key)?.contentWindow;
  if (!window) throw new Error(`no frame ${key}`);
  return window;
}

function fromFrame(key: string, type: string, origin = "http://localhost:8080"): void {
  window.dispatchEvent(
    new MessageEvent("message", {
      data: { source: RIG_MESSAGE_SOURCE, type },
      origin,
      source: frameWindow(key),
    }),
  );
}

const srcOf = (key: string) => new URL(iframeOf(key)?.getAttribute("src") ?? "");
const typesPosted = (post: { mock: { calls: unknown[][] } }) =>
  post.mock.calls.map(([m]) => (m as { type: string }).type);

describe("rig UI frames: the views", () => {
  it("embeds the panel with Twitch's query parameters and a title that says the view and the viewer", async () => {
    frames.add({ view: "panel", kind: "identified" });
    const iframe = iframeOf("1");
    expect(iframe?.dataset.viewer).toBe("identified");
    expect(iframe?.dataset.view).toBe("panel");
    expect(srcOf("1").origin + srcOf("1").pathname).toBe(PANEL);
    expect(Object.fromEntries(srcOf("1").searchParams)).toEqual({
      anchor: "panel",
      language: "en",
      locale: "en-US",
      mode: "viewer",
      platform: "web",
      popout: "false",
      state: "testing",
    });
    expect(iframe?.title).toBe("Panel · identity shared");
    const post = vi.spyOn(frameWindow("1"), "postMessage").mockImplementation(() => undefined);
    fromFrame("1", "ready");
    await vi.waitFor(() => expect(typesPosted(post)).toContain("authorized"));
    expect(iframe?.title).toBe("Panel · Ana (identity shared)");
    expect(container.querySelector(".frame-label")?.textContent).toContain("Ana");
  });

  it("loads each view's declared page: the config page for config, mobile.html on a phone, a popout", () => {
    frames.add({ view: "config", kind: "broadcaster" });
    frames.add({ view: "mobile", kind: "identified" });
    frames.add({ view: "popout", kind: "anonymous" });
    expect(srcOf("1").pathname).toBe("/config.html");
    expect(srcOf("1").searchParams.get("mode")).toBe("config");
    expect(srcOf("2").pathname).toBe("/mobile.html");
    expect(srcOf("2").searchParams.get("platform")).toBe("mobile");
    expect(srcOf("3").pathname).toBe("/index.html");
    expect(srcOf("3").searchParams.get("popout")).toBe("true");
    expect(iframeOf("2")?.title).toBe("Mobile · identity shared");
  });

  it("explains a view the version does not declare instead of framing a page, and frames it once declared", () => {
    const parent = document.createElement("div");
    container.append(parent);
    frames.add({ view: "video_overlay", kind: "identified" }, { parent, slot: "overlay", bare: true });
    expect(iframeOf("overlay")).toBeNull();
    expect(parent.textContent).toContain("declares no Video - Fullscreen Viewer Path");

    store.setState(
      rigState({
        views: { ...rigState().extension.views, videoOverlay: { viewerPath: "overlay/index.html" } },
      }),
    );
    expect(srcOf("overlay").pathname).toBe("/overlay/index.html");
    expect(srcOf("overlay").searchParams.get("anchor")).toBe("video_overlay");
    expect(iframeOf("overlay")?.dataset.testid).toBe("rig-view-overlay");
  });

  it("loads a view from the page the rig page names for it (?overlay=)", () => {
    frames.dispose();
    const search = `${SEARCH}&overlay=${encodeURIComponent("http://127.0.0.1:9000/fixture.html")}`;
    frames = createFrames({ store, search, container, contextTickMs: 0 });
    store.setState(rigState({ views: { videoOverlay: { viewerPath: "overlay.html" } } }));
    frames.add({ view: "video_overlay", kind: "identified" });
    expect(srcOf("1").origin + srcOf("1").pathname).toBe("http://127.0.0.1:9000/fixture.html");
  });

  it("takes the extension away from viewers' frames when the channel deactivates it, as Twitch does", async () => {
    frames.add({ view: "panel", kind: "identified" });
    frames.add({ view: "config", kind: "broadcaster" });
    frames.add({ view: "mobile", kind: "anonymous" });
    store.setState(rigState({ activated: false }));
    expect(iframeOf("1")).toBeNull();
    expect(iframeOf("3")).toBeNull();
    expect(container.querySelector('[data-testid="rig-frame-absent-1"]')?.textContent).toBe(
      "Deactivated on Streamer: Twitch removes the extension from viewers' pages.",
    );
    expect(iframeOf("2")?.dataset.mode).toBe("config");

    store.setState(rigState({ activated: true }));
    expect(srcOf("1").pathname).toBe("/index.html");
    expect(srcOf("3").pathname).toBe("/mobile.html");
  });
});

describe("rig UI frames: what the frames are told", () => {
  it("sends the views that show video a playback context about once a second, never the config page", async () => {
    frames.dispose();
    frames = createFrames({ store, search: SEARCH, container, contextTickMs: 10 });
    frames.add({ view: "panel", kind: "identified" });
    frames.add({ view: "config", kind: "broadcaster" });
    const viewerPost = vi.spyOn(frameWindow("1"), "postMessage").mockImplementation(() => undefined);
    const configPost = vi.spyOn(frameWindow("2"), "postMessage").mockImplementation(() => undefined);
    fromFrame("1", "ready");
    fromFrame("2", "ready");
    const ticks = (post: typeof viewerPost) =>
      post.mock.calls.filter(([m]) =>
        (m as { changed?: string[] }).changed?.includes("hlsLatencyBroadcaster"),
      );
    await vi.waitFor(() => expect(ticks(viewerPost).length).toBeGreaterThanOrEqual(2));
    expect(ticks(configPost)).toEqual([]);
  });

  it("answers a frame's ready with a fresh token, then features and its view's context, to the frame's origin", async () => {
    frames.add({ view: "config", kind: "broadcaster" });
    const post = vi.spyOn(frameWindow("1"), "postMessage").mockImplementation(() => undefined);
    fromFrame("1", "ready");
    await vi.waitFor(() => expect(typesPosted(post)).toContain("authorized"));
    expect(tokenRequests).toEqual([{ channelId: CHANNEL, viewer: "broadcaster" }]);
    const types = typesPosted(post);
    expect(types.indexOf("features")).toBeGreaterThan(types.indexOf("authorized"));
    const context = post.mock.calls.find(([m]) => (m as { type: string }).type === "context")?.[0];
    expect(context).toMatchObject({ context: { mode: "config", theme: "dark", language: "en" } });
    expect((context as { context: object }).context).not.toHaveProperty("isFullScreen");
    expect(post.mock.calls.map((call) => call[1] as unknown)).toEqual(
      types.map(() => "http://localhost:8080"),
    );
  });

  it("ignores a ready message from another origin", async () => {
    frames.add({ view: "panel", kind: "anonymous" });
    fromFrame("1", "ready", "http://localhost:9999");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tokenRequests).toEqual([]);
  });

  it("passes a context change on with only the keys each view gets, and reloads the frames for a new language", async () => {
    frames.add({ view: "panel", kind: "identified" });
    frames.add({ view: "mobile", kind: "identified" });
    const panelPost = vi.spyOn(frameWindow("1"), "postMessage").mockImplementation(() => undefined);
    const mobilePost = vi.spyOn(frameWindow("2"), "postMessage").mockImplementation(() => undefined);
    fromFrame("1", "ready");
    fromFrame("2", "ready");
    panelPost.mockClear();
    mobilePost.mockClear();

    const base = testContext(CHANNEL);
    store.setContext({
      ...base,
      context: { ...base.context, arePlayerControlsVisible: true, language: "ja" },
    });
    expect(panelPost).toHaveBeenCalledWith(
      {
        source: RIG_MESSAGE_SOURCE,
        type: "context",
        context: { language: "ja", arePlayerControlsVisible: true },
        changed: ["language", "arePlayerControlsVisible"],
      },
      "http://localhost:8080",
    );
    expect(mobilePost).toHaveBeenCalledWith(
      { source: RIG_MESSAGE_SOURCE, type: "context", context: { language: "ja" }, changed: ["language"] },
      "http://localhost:8080",
    );

    const before = iframeOf("1");
    store.setContext({ ...store.context, query: { language: "de", locale: "de-DE" } });
    expect(iframeOf("1")).not.toBe(before);
    expect(srcOf("1").searchParams.get("language")).toBe("de");
    expect(srcOf("2").searchParams.get("locale")).toBe("de-DE");
  });

  it("sends visibility only to the mobile and component frames the event names, and shows them hidden", () => {
    frames.add({ view: "panel", kind: "identified" });
    frames.add({ view: "mobile", kind: "identified" });
    const panelPost = vi.spyOn(frameWindow("1"), "postMessage").mockImplementation(() => undefined);
    const mobilePost = vi.spyOn(frameWindow("2"), "postMessage").mockImplementation(() => undefined);
    fromFrame("1", "ready");
    fromFrame("2", "ready");
    frames.viewEvent({
      channelId: CHANNEL,
      event: "visibility",
      isVisible: false,
      views: ["mobile", "component"],
    });
    expect(typesPosted(mobilePost)).toContain("visibility");
    expect(typesPosted(panelPost)).not.toContain("visibility");
    expect(container.querySelector('[data-testid="rig-frame-card-2"]')?.classList).toContain(
      "is-hidden-by-viewer",
    );
  });

  it("tells the frames when chat is no longer enabled on the channel", async () => {
    frames.add({ view: "panel", kind: "identified" });
    const post = vi.spyOn(frameWindow("1"), "postMessage").mockImplementation(() => undefined);
    fromFrame("1", "ready");
    await vi.waitFor(() => expect(tokenRequests).toHaveLength(1));
    store.setState(rigState({ chatGranted: false }));
    expect(post).toHaveBeenLastCalledWith(
      expect.objectContaining({
        type: "features",
        features: expect.objectContaining({ isChatEnabled: false }),
      }),
      "http://localhost:8080",
    );
  });

  it("removes a frame with its remove button, and pops a panel out with its popout button", () => {
    frames.add({ view: "panel", kind: "moderator" });
    frames.add({ view: "config", kind: "broadcaster" });
    container.querySelector<HTMLButtonElement>('[data-testid="rig-frame-popout-1"]')?.click();
    expect(iframeOf("3")?.dataset.viewer).toBe("moderator");
    expect(srcOf("3").searchParams.get("popout")).toBe("true");
    container.querySelector<HTMLButtonElement>('[data-testid="rig-frame-remove-1"]')?.click();
    expect(iframeOf("1")).toBeNull();
    expect(iframeOf("2")?.dataset.mode).toBe("config");
  });
});

describe("rig UI frames: identity as on Twitch", () => {
  it("asks an anonymous viewer to share; Allow gives the frame an identified token and title at once", async () => {
    frames.add({ view: "panel", kind: "anonymous", userId: "51000002" });
    const post = vi.spyOn(frameWindow("1"), "postMessage").mockImplementation(() => undefined);
    fromFrame("1", "ready");
    await vi.waitFor(() => expect(typesPosted(post)).toContain("features"));
    fromFrame("1", "requestIdShare");
    const dialog = container.querySelector('[role="dialog"]');
    expect(dialog?.textContent).toContain("Share your identity with Hype?");
    expect(dialog?.textContent).toContain("Bo");
    expect(tokenRequests).toHaveLength(1);

    container.querySelector<HTMLButtonElement>('[data-testid="rig-idshare-allow-1"]')?.click();
    expect(container.querySelector('[role="dialog"]')).toBeNull();
    await vi.waitFor(() => expect(tokenRequests).toHaveLength(2));
    expect(tokenRequests[1]).toEqual({ channelId: CHANNEL, viewer: "identified", userId: "51000002" });
    await vi.waitFor(() =>
      expect(
        post.mock.calls.some(([m]) => (m as { auth?: { token: string } }).auth?.token === "token-2"),
      ).toBe(true),
    );
    expect(iframeOf("1")?.dataset.viewer).toBe("identified");
    expect(iframeOf("1")?.title).toBe("Panel · Bo (identity shared)");
  });

  it("changes nothing when the viewer denies, and the extension is told nothing", async () => {
    frames.add({ view: "panel", kind: "anonymous" });
    const post = vi.spyOn(frameWindow("1"), "postMessage").mockImplementation(() => undefined);
    fromFrame("1", "ready");
    await vi.waitFor(() => expect(typesPosted(post)).toContain("features"));
    const before = post.mock.calls.length;
    fromFrame("1", "requestIdShare");
    container.querySelector<HTMLButtonElement>('[data-testid="rig-idshare-deny-1"]')?.click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tokenRequests).toHaveLength(1);
    expect(post.mock.calls.length).toBe(before);
    expect(iframeOf("1")?.dataset.viewer).toBe("anonymous");
    expect(container.querySelector(".frame-status")?.textContent).toContain("the viewer said no");
  });

  it("asks a logged-out viewer to log in instead, and logs them in without sharing their identity", async () => {
    frames.add({ view: "panel", kind: "logged-out" });
    fromFrame("1", "ready");
    await vi.waitFor(() => expect(tokenRequests).toHaveLength(1));
    fromFrame("1", "requestIdShare");
    expect(container.querySelector('[role="dialog"]')?.textContent).toContain(
      "Log in to share your identity",
    );
    const user = container.querySelector<HTMLSelectElement>('[data-testid="rig-login-user-1"]');
    if (user) user.value = "51000002";
    container.querySelector<HTMLButtonElement>('[data-testid="rig-login-1"]')?.click();
    await vi.waitFor(() => expect(tokenRequests).toHaveLength(2));
    expect(tokenRequests[1]).toEqual({ channelId: CHANNEL, viewer: "anonymous", userId: "51000002" });
    await vi.waitFor(() => expect(iframeOf("1")?.title).toBe("Panel · Bo, not shared (anonymous)"));
  });

  it("asks nothing when identity linking is off or the viewer is the broadcaster", async () => {
    frames.add({ view: "panel", kind: "broadcaster" });
    fromFrame("1", "requestIdShare");
    expect(container.querySelector('[role="dialog"]')).toBeNull();
    store.setState(rigState({ requestIdentityLink: false }));
    frames.add({ view: "panel", kind: "anonymous" });
    fromFrame("2", "requestIdShare");
    expect(container.querySelector('[role="dialog"]')).toBeNull();
    expect(container.querySelector('[data-testid="rig-frame-card-2"] .frame-status')?.textContent).toContain(
      "Request Identity Link is off",
    );
  });
});
