// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type ConfigurationSegments,
  type ParentToFrameMessage,
  RIG_MESSAGE_SOURCE,
  type RigViewer,
} from "../protocol.ts";
import { testRigState } from "../test-state.ts";
import { createMockHelper, type EventStream, type MockHelper } from "./create-helper.ts";

const RIG = "http://localhost:8090";
const CHANNEL = "100000001";

interface FakeRig {
  fetch: typeof fetch;
  calls: { method: string; url: string; body: unknown }[];
  configuration: ConfigurationSegments;
}

function fakeRig(configuration: ConfigurationSegments = {}): FakeRig {
  const rig: FakeRig = {
    calls: [],
    configuration,
    fetch: async (input, init) => {
      const url = String(input);
      const method = init?.method ?? "GET";
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      rig.calls.push({ method, url, body });
      const path = new URL(url).pathname;
      if (method === "GET" && path === `/rig/api/channels/${CHANNEL}/configuration`) {
        return Response.json(rig.configuration);
      }
      if (method === "PUT" && path === `/rig/api/channels/${CHANNEL}/configuration`) {
        rig.configuration = {
          ...rig.configuration,
          broadcaster: { version: body.version, content: body.content },
        };
        return new Response(null, { status: 204 });
      }
      if (method === "GET" && path === "/rig/api/state") return Response.json(rigState(true));
      if (method === "POST" && path === "/rig/api/tokens")
        return Response.json(issued(body.viewer, "token-alone"));
      if (method === "POST" && path === "/rig/api/pubsub/send") return new Response(null, { status: 204 });
      return Response.json({ message: "not found" }, { status: 404 });
    },
  };
  return rig;
}

const rigState = (chatGranted: boolean) => testRigState({ channelId: CHANNEL, chatGranted });

function issued(kind: string, token: string) {
  const identified = kind === "identified";
  const viewer: RigViewer = {
    opaqueId: identified ? "U200000002" : "A-anon-1",
    id: identified ? "200000002" : null,
    role: "viewer",
    isLinked: identified,
  };
  return {
    auth: {
      channelId: CHANNEL,
      clientId: "rigclient",
      token,
      helixToken: `helix-${token}`,
      userId: viewer.opaqueId,
    },
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    viewer,
  };
}

let parentFrame: HTMLIFrameElement;
let parent: Window;
let posted: unknown[];
let helper: MockHelper | undefined;

beforeEach(() => {
  parentFrame = document.createElement("iframe");
  document.body.append(parentFrame);
  parent = parentFrame.contentWindow as Window;
  posted = [];
  vi.spyOn(parent, "postMessage").mockImplementation((message: unknown) => {
    posted.push(message);
  });
});

afterEach(() => {
  helper?.dispose();
  helper = undefined;
  parentFrame.remove();
  vi.restoreAllMocks();
});

function startInFrame(rig = fakeRig()): { ext: typeof Twitch.ext; rig: FakeRig } {
  helper = createMockHelper({ win: window, parent, rigBase: RIG, fetch: rig.fetch });
  return { ext: helper.ext, rig };
}

type Body<T> = T extends unknown ? Omit<T, "source"> : never;

function fromParent(message: Body<ParentToFrameMessage>, origin = RIG, source: Window = parent): void {
  window.dispatchEvent(
    new MessageEvent("message", { data: { source: RIG_MESSAGE_SOURCE, ...message }, origin, source }),
  );
}

function authorize(token: string, kind = "anonymous"): void {
  const { auth, viewer } = issued(kind, token);
  fromParent({ type: "authorized", auth, viewer });
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("mock Extension Helper inside a rig frame", () => {
  it("tells the rig UI it is ready, addressed to the rig's origin", () => {
    startInFrame();
    expect(posted).toEqual([{ source: RIG_MESSAGE_SOURCE, type: "ready" }]);
    expect(vi.mocked(parent.postMessage).mock.calls[0]?.[1]).toBe(RIG);
  });

  it("calls onAuthorized again with the refreshed token, and gives late callbacks the latest auth", async () => {
    const { ext } = startInFrame();
    const seen: string[] = [];
    ext.onAuthorized((auth) => seen.push(auth.token));
    authorize("token-1");
    authorize("token-2");
    expect(seen).toEqual(["token-1", "token-2"]);

    const late: string[] = [];
    ext.onAuthorized((auth) => late.push(auth.token));
    await flush();
    expect(late).toEqual(["token-2"]);
    expect(ext.viewer.sessionToken).toBe("token-2");
  });

  it("ignores messages from another origin or another window", () => {
    const { ext } = startInFrame();
    const seen: string[] = [];
    ext.onAuthorized((auth) => seen.push(auth.token));
    const { auth, viewer } = issued("anonymous", "forged");
    fromParent({ type: "authorized", auth, viewer }, "http://evil.localhost:9999");
    fromParent({ type: "authorized", auth, viewer }, RIG, window);
    expect(seen).toEqual([]);
  });

  it("delivers feature flags only after the first onAuthorized, with the changed keys", () => {
    const { ext } = startInFrame();
    const order: string[] = [];
    ext.onAuthorized(() => order.push("authorized"));
    ext.features.onChanged((changed) => order.push(`features:${[...changed].sort().join(",")}`));

    fromParent({
      type: "features",
      features: { isChatEnabled: true, isBitsEnabled: false, isSubscriptionStatusAvailable: false },
      changed: ["isChatEnabled"],
    });
    expect(order).toEqual([]);
    expect(ext.features.isChatEnabled).toBeUndefined();

    authorize("token-1");
    expect(order).toEqual([
      "authorized",
      "features:isBitsEnabled,isChatEnabled,isSubscriptionStatusAvailable",
    ]);
    expect(ext.features.isChatEnabled).toBe(true);

    fromParent({
      type: "features",
      features: { isChatEnabled: false, isBitsEnabled: false, isSubscriptionStatusAvailable: false },
      changed: ["isChatEnabled"],
    });
    expect(order.at(-1)).toBe("features:isChatEnabled");
    expect(ext.features.isChatEnabled).toBe(false);
  });

  it("fires configuration.onChanged once when the configuration arrives, not on token refreshes", async () => {
    const rig = fakeRig({ broadcaster: { version: "1", content: '{"greeting":"hi"}' } });
    const { ext } = startInFrame(rig);
    const onChanged = vi.fn();
    ext.configuration.onChanged(onChanged);

    authorize("token-1");
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(ext.configuration.broadcaster).toEqual({ version: "1", content: '{"greeting":"hi"}' });
    expect(ext.configuration.developer).toBeUndefined();

    authorize("token-2");
    await flush();
    await flush();
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it("fires configuration.onChanged again when the rig reports a changed configuration for this channel", async () => {
    const { ext } = startInFrame(fakeRig());
    const onChanged = vi.fn();
    ext.configuration.onChanged(onChanged);
    authorize("token-1");
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));

    const segments = { broadcaster: { version: "2", content: "new" } };
    fromParent({ type: "event", event: "configuration", data: { channelId: "999", segments } });
    fromParent({ type: "event", event: "configuration", data: { channelId: CHANNEL, segments } });
    fromParent({ type: "event", event: "configuration", data: { channelId: CHANNEL, segments } });
    expect(onChanged).toHaveBeenCalledTimes(2);
    expect(ext.configuration.broadcaster?.content).toBe("new");
  });

  it("sets the broadcaster segment through the rig with the frame's token and reports it", async () => {
    const rig = fakeRig();
    const { ext } = startInFrame(rig);
    authorize("broadcaster-token", "broadcaster");
    const onChanged = vi.fn();
    ext.configuration.onChanged(onChanged);
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));

    ext.configuration.set("broadcaster", "3", "saved");
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));
    const put = rig.calls.find((call) => call.method === "PUT");
    expect(put?.body).toEqual({
      token: "broadcaster-token",
      segment: "broadcaster",
      version: "3",
      content: "saved",
    });
    expect(ext.configuration.broadcaster).toEqual({ version: "3", content: "saved" });
    expect(posted).toContainEqual({
      source: RIG_MESSAGE_SOURCE,
      type: "configurationSet",
      channelId: CHANNEL,
    });
  });

  it("asks the rig UI to share the viewer's identity on requestIdShare, then passes on the identified auth", () => {
    const { ext } = startInFrame();
    authorize("anonymous-token");
    expect(ext.viewer.isLinked).toBe(false);
    const viewerChanged = vi.fn();
    ext.viewer.onChanged(viewerChanged);

    ext.actions.requestIdShare();
    expect(posted).toContainEqual({ source: RIG_MESSAGE_SOURCE, type: "requestIdShare" });

    authorize("identified-token", "identified");
    expect(ext.viewer.id).toBe("200000002");
    expect(ext.viewer.isLinked).toBe(true);
    expect(viewerChanged).toHaveBeenCalledTimes(1);
  });

  it("passes onContext every key of its view on load (no player on a config page), then only the keys that changed", async () => {
    window.history.replaceState(null, "", "/index.html?anchor=panel&language=de&mode=config&state=testing");
    const { ext } = startInFrame();
    const calls: { theme: unknown; mode: unknown; language: unknown; changed: string[] }[] = [];
    ext.onContext((context, changed) =>
      calls.push({
        theme: context.theme,
        mode: context.mode,
        language: context.language,
        changed: changed.map(String),
      }),
    );
    await flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ theme: "dark", mode: "config", language: "de" });
    expect(calls[0]?.changed).toEqual(expect.arrayContaining(["theme", "mode", "language", "game"]));
    expect(calls[0]?.changed).not.toContain("isFullScreen");

    fromParent({ type: "context", context: { theme: "light", mode: "config" }, changed: ["theme", "mode"] });
    expect(calls[1]).toEqual({ theme: "light", mode: "config", language: "de", changed: ["theme"] });

    fromParent({ type: "context", context: { theme: "light" }, changed: ["theme"] });
    expect(calls).toHaveLength(2);
    window.history.replaceState(null, "", "/");
  });

  it("gives a mobile page the player's state but not its controls, full screen or theatre mode", async () => {
    window.history.replaceState(
      null,
      "",
      "/mobile.html?anchor=panel&mode=viewer&platform=mobile&language=ja",
    );
    const { ext } = startInFrame();
    let first: Partial<Twitch.ext.Context> = {};
    ext.onContext((context) => {
      first = context;
    });
    await flush();
    expect(first).toMatchObject({ language: "ja", mode: "viewer", playbackMode: "video", isPaused: false });
    expect("isFullScreen" in first || "isTheatreMode" in first || "arePlayerControlsVisible" in first).toBe(
      false,
    );
    window.history.replaceState(null, "", "/");
  });

  it("stops onContext while the viewer hides the extension and hands the latest context back on show", async () => {
    const { ext } = startInFrame();
    const contexts: string[] = [];
    const shown: { isVisible: boolean; theme: unknown }[] = [];
    ext.onContext((context, changed) => contexts.push(`${String(context.theme)}:${changed.join(",")}`));
    ext.onVisibilityChanged(((isVisible: boolean, context?: Partial<Twitch.ext.Context>) =>
      shown.push({ isVisible, theme: context?.theme })) as (isVisible: false) => void);
    await flush();
    contexts.length = 0;

    fromParent({ type: "visibility", isVisible: false });
    fromParent({ type: "context", context: { theme: "light" }, changed: ["theme"] });
    expect(contexts).toEqual([]);
    fromParent({ type: "visibility", isVisible: true });
    expect(shown).toEqual([
      { isVisible: false, theme: undefined },
      { isVisible: true, theme: "light" },
    ]);
    fromParent({ type: "context", context: { theme: "dark" }, changed: ["theme"] });
    expect(contexts).toEqual(["dark:theme"]);
  });

  it("passes highlight changes on, and gives a late onPositionChanged the component's last position", async () => {
    const { ext } = startInFrame();
    const highlights: boolean[] = [];
    ext.onHighlightChanged((isHighlighted) => highlights.push(isHighlighted));
    fromParent({ type: "highlight", isHighlighted: true });
    fromParent({ type: "highlight", isHighlighted: false });
    expect(highlights).toEqual([true, false]);

    const early: { x: number; y: number }[] = [];
    ext.onPositionChanged((position) => early.push(position));
    fromParent({ type: "position", position: { x: 70.5, y: 10 } });
    expect(early).toEqual([{ x: 70.5, y: 10 }]);
    const late: { x: number; y: number }[] = [];
    ext.onPositionChanged((position) => late.push(position));
    await flush();
    expect(late).toEqual([{ x: 70.5, y: 10 }]);
  });

  it("hands rig errors to onError", () => {
    const { ext } = startInFrame();
    const onError = vi.fn();
    ext.onError(onError);
    fromParent({ type: "error", error: "token request failed" });
    expect(onError).toHaveBeenCalledWith("token request failed");
  });

  it("delivers PubSub messages for this channel's targets to listeners until they unlisten", () => {
    const { ext } = startInFrame();
    authorize("token-1");
    const broadcast = vi.fn();
    const whisper = vi.fn();
    ext.listen("broadcast", broadcast);
    ext.listen("whisper-A-anon-1", whisper);
    const pubsub = (channelId: string, target: string, message: unknown) =>
      fromParent({
        type: "event",
        event: "pubsub",
        data: { channelId, target, contentType: "application/json", message },
      });

    pubsub(CHANNEL, "broadcast", { hype: 1 });
    pubsub("999", "broadcast", "other channel");
    pubsub(CHANNEL, "whisper-A-anon-1", "psst");
    pubsub(CHANNEL, "whisper-U-someone-else", "not for us");
    expect(broadcast).toHaveBeenCalledTimes(1);
    expect(broadcast).toHaveBeenCalledWith("broadcast", "application/json", '{"hype":1}');
    expect(whisper).toHaveBeenCalledWith("whisper-A-anon-1", "application/json", "psst");

    ext.unlisten("broadcast", broadcast);
    pubsub(CHANNEL, "broadcast", "again");
    expect(broadcast).toHaveBeenCalledTimes(1);
  });

  it("sends PubSub messages through the rig with the frame's token, objects as JSON", async () => {
    const rig = fakeRig();
    const { ext } = startInFrame(rig);
    authorize("broadcaster-token", "broadcaster");
    ext.send("broadcast", "application/json", { hype: true });
    await vi.waitFor(() =>
      expect(rig.calls.some((call) => call.url.endsWith("/rig/api/pubsub/send"))).toBe(true),
    );
    expect(rig.calls.find((call) => call.url.endsWith("/pubsub/send"))?.body).toEqual({
      token: "broadcaster-token",
      target: "broadcast",
      contentType: "application/json",
      message: '{"hype":true}',
    });
  });
});

describe("mock Extension Helper opened alone", () => {
  it.each(["config", "dashboard"])(
    "asks the rig for the broadcaster's token for a page opened alone with mode=%s (only they see it on Twitch)",
    async (mode) => {
      const rig = fakeRig();
      history.replaceState(null, "", `?mode=${mode}&anchor=panel`);
      try {
        helper = createMockHelper({ win: window, parent: window, rigBase: RIG, fetch: rig.fetch });
        const seen: string[] = [];
        helper.ext.onAuthorized((auth) => seen.push(auth.token));
        await vi.waitFor(() => expect(seen).toEqual(["token-alone"]));
        expect(rig.calls.find((call) => call.url.endsWith("/rig/api/tokens"))?.body).toEqual({
          channelId: CHANNEL,
          viewer: "broadcaster",
        });
      } finally {
        history.replaceState(null, "", "/");
      }
    },
  );

  it("asks the rig for an identified viewer on the first channel, then delivers features and events itself", async () => {
    const rig = fakeRig();
    const handlers = new Map<string, (event: MessageEvent) => void>();
    const stream: EventStream = {
      addEventListener: (type, listener) => handlers.set(type, listener),
      close: vi.fn(),
    };
    helper = createMockHelper({
      win: window,
      parent: window,
      rigBase: RIG,
      fetch: rig.fetch,
      openEvents: () => stream,
    });
    const ext = helper.ext;
    const seen: string[] = [];
    ext.onAuthorized((auth) => seen.push(`${auth.channelId}:${auth.token}`));
    const featureChanges: string[][] = [];
    ext.features.onChanged((changed) => featureChanges.push([...changed]));

    await vi.waitFor(() => expect(seen).toEqual([`${CHANNEL}:token-alone`]));
    expect(rig.calls.find((call) => call.url.endsWith("/rig/api/tokens"))?.body).toEqual({
      channelId: CHANNEL,
      viewer: "identified",
    });
    expect(ext.viewer.isLinked).toBe(true);
    expect(ext.features.isChatEnabled).toBe(true);
    expect(posted).toEqual([]);

    handlers.get("state")?.(new MessageEvent("state", { data: JSON.stringify(rigState(false)) }));
    expect(ext.features.isChatEnabled).toBe(false);
    expect(featureChanges.at(-1)).toEqual(["isChatEnabled"]);

    // PATCH /rig/api/channels/:id/context reaches a page opened alone: only the keys that changed.
    const contexts: { language: unknown; changed: string[] }[] = [];
    ext.onContext((context, changed) =>
      contexts.push({ language: context.language, changed: changed.map(String) }),
    );
    const change = (channelId: string, language: string) => ({
      channelId,
      context: { language, theme: "dark" },
      query: { language: "en", locale: "en-US" },
      componentPosition: null,
      changed: { context: ["language"], query: [], componentPosition: false },
    });
    for (const data of [change("999", "ja"), change(CHANNEL, "de")]) {
      handlers.get("context")?.(new MessageEvent("context", { data: JSON.stringify(data) }));
    }
    expect(contexts).toEqual([{ language: "de", changed: ["language"] }]);
  });
});
