import { DEFAULT_CHAT_TEMPLATE } from "@ext/shared";
import { describe, expect, it } from "vitest";
import { createFakeTwitchExt, viewerToken } from "../../test/fake-twitch-ext.ts";
import { createTwitchStore } from "./twitch-store.ts";

describe("Twitch store", () => {
  it("holds nothing until onAuthorized fires, then always the latest auth", () => {
    const ext = createFakeTwitchExt();
    const store = createTwitchStore(ext);
    expect(store.getSnapshot().auth).toBeUndefined();

    const first = viewerToken();
    const second = viewerToken();
    ext.authorize({ token: first });
    ext.authorize({ token: second });

    expect(store.getSnapshot().auth?.token).toBe(second);
  });

  it("reads features.isChatEnabled once authorized and follows features.onChanged", () => {
    const ext = createFakeTwitchExt({ chatEnabled: false });
    const store = createTwitchStore(ext);
    ext.authorize({ token: viewerToken() });
    expect(store.getSnapshot().chatEnabled).toBe(false);

    ext.setChatEnabled(true);
    expect(store.getSnapshot().chatEnabled).toBe(true);
  });

  it("notifies subscribers on a theme change but not when onContext repeats the same theme", () => {
    const ext = createFakeTwitchExt();
    const store = createTwitchStore(ext);
    let calls = 0;
    store.subscribe(() => calls++);

    ext.setContext({ theme: "light" });
    ext.setContext({ theme: "light", volume: 0.5 });

    expect(store.getSnapshot().theme).toBe("light");
    expect(calls).toBe(1);
  });

  it("nextAuth resolves at once when a newer token is already there", async () => {
    const ext = createFakeTwitchExt();
    const store = createTwitchStore(ext);
    const fresh = viewerToken();
    ext.authorize({ token: fresh });

    const auth = await store.nextAuth({ staleToken: "old", timeoutMs: 10 });

    expect(auth?.token).toBe(fresh);
  });

  it("nextAuth ignores a repeat of the stale token and resolves with the next new one", async () => {
    const ext = createFakeTwitchExt();
    const store = createTwitchStore(ext);
    const stale = viewerToken();
    const fresh = viewerToken();
    ext.authorize({ token: stale });

    const waiting = store.nextAuth({ staleToken: stale, timeoutMs: 1_000 });
    ext.authorize({ token: stale });
    ext.authorize({ token: fresh });

    expect((await waiting)?.token).toBe(fresh);
  });

  it("nextAuth gives up with undefined when no new token arrives in time", async () => {
    const ext = createFakeTwitchExt();
    const store = createTwitchStore(ext);
    const stale = viewerToken();
    ext.authorize({ token: stale });

    expect(await store.nextAuth({ staleToken: stale, timeoutMs: 20 })).toBeUndefined();
  });

  it("reads the broadcaster segment on configuration.onChanged, with defaults when it is empty", () => {
    const ext = createFakeTwitchExt();
    const store = createTwitchStore(ext);
    expect(store.getSnapshot().settings).toBeUndefined();

    ext.deliverConfiguration({});
    expect(store.getSnapshot().settings).toEqual({
      version: 1,
      chatEnabled: true,
      template: DEFAULT_CHAT_TEMPLATE,
    });

    const content = JSON.stringify({ version: 1, chatEnabled: false, template: "Yo {viewer}" });
    ext.deliverConfiguration({ broadcaster: { version: "1", content } });
    expect(store.getSnapshot().settings).toEqual({ version: 1, chatEnabled: false, template: "Yo {viewer}" });
  });

  it("does not notify subscribers when onChanged repeats the same content", () => {
    const ext = createFakeTwitchExt();
    const store = createTwitchStore(ext);
    const broadcaster = {
      version: "1",
      content: JSON.stringify({ version: 1, chatEnabled: true, template: "x" }),
    };
    ext.deliverConfiguration({ broadcaster });
    let calls = 0;
    store.subscribe(() => calls++);

    ext.deliverConfiguration({ broadcaster: { ...broadcaster } });

    expect(calls).toBe(0);
  });
});
