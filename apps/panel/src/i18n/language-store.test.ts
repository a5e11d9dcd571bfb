import { describe, expect, it } from "vitest";
import { ALL_CATALOGS } from "../../test/catalogs.ts";
import { createFakeTwitchExt } from "../../test/fake-twitch-ext.ts";
import { createTwitchStore } from "../twitch/twitch-store.ts";
import type { MessageKey } from "./catalogs/en.ts";
import { createLanguageStore } from "./language-store.ts";
import { LANGUAGES, type Language } from "./languages.ts";
import { loadCatalog } from "./load-catalog.ts";
import { loadConfigCatalog } from "./load-config-catalog.ts";
import { loadDashboardCatalog } from "./load-dashboard-catalog.ts";
import type { Catalog } from "./translate.ts";

/** A loader whose catalogues arrive only when the test says so. */
function heldLoader() {
  const pending = new Map<Language, { resolve: (c: Catalog) => void; reject: (e: Error) => void }>();
  const asked: Language[] = [];
  return {
    asked,
    load: (language: Language) =>
      new Promise<Catalog>((resolve, reject) => {
        asked.push(language);
        pending.set(language, { resolve, reject });
      }),
    deliver: (language: Language) => pending.get(language)?.resolve(ALL_CATALOGS[language]),
    fail: (language: Language) => pending.get(language)?.reject(new Error("chunk failed to load")),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("createLanguageStore", () => {
  it("shows nothing until the wanted catalogue has loaded, then that language", async () => {
    const loader = heldLoader();
    const store = createLanguageStore({ query: { language: "de", locale: "de-AT" }, load: loader.load });
    expect(store.getSnapshot()).toBeUndefined();
    expect(loader.asked).toEqual(["de"]);

    loader.deliver("de");
    await flush();

    expect(store.getSnapshot()).toMatchObject({ language: "de", locale: "de-AT" });
    expect(store.getSnapshot()?.t("hype.button")).toBe("Hype senden");
  });

  it("switches at once to a language whose catalogue it has when onContext names it", () => {
    const ext = createFakeTwitchExt();
    const twitch = createTwitchStore(ext);
    const store = createLanguageStore({ query: { language: "de" }, twitch, loaded: ALL_CATALOGS });
    let changes = 0;
    store.subscribe(() => changes++);
    expect(store.getSnapshot()?.language).toBe("de");

    ext.setContext({ language: "ja" });
    expect(store.getSnapshot()?.t("hype.button")).toBe("ハイプを送る");
    ext.setContext({ language: "ja", theme: "light" });
    expect(changes).toBe(1);
  });

  it("keeps the current language on screen while the next one loads, then switches", async () => {
    const ext = createFakeTwitchExt();
    const loader = heldLoader();
    const store = createLanguageStore({
      query: { language: "en" },
      twitch: createTwitchStore(ext),
      load: loader.load,
      loaded: { en: ALL_CATALOGS.en },
    });
    ext.setContext({ language: "fr" });
    expect(store.getSnapshot()?.language).toBe("en");

    loader.deliver("fr");
    await flush();
    expect(store.getSnapshot()?.language).toBe("fr");
  });

  it("does not switch to a language the viewer already left while it loaded", async () => {
    const ext = createFakeTwitchExt();
    const loader = heldLoader();
    const store = createLanguageStore({
      query: {},
      twitch: createTwitchStore(ext),
      load: loader.load,
      loaded: { en: ALL_CATALOGS.en, es: ALL_CATALOGS.es },
    });
    ext.setContext({ language: "fr" });
    ext.setContext({ language: "es" });
    loader.deliver("fr");
    await flush();
    expect(store.getSnapshot()?.language).toBe("es");
  });

  it("falls back to English when the wanted catalogue does not load", async () => {
    const loader = heldLoader();
    const store = createLanguageStore({ query: { language: "ja" }, load: loader.load });
    loader.fail("ja");
    await flush();
    expect(loader.asked).toEqual(["ja", "en"]);
    loader.deliver("en");
    await flush();
    expect(store.getSnapshot()?.t("hype.button")).toBe("Send hype");
  });

  it("loads each language's catalogue from its own chunks: every page's part, the config view's, the live config view's", async () => {
    const viewerKeys = Object.keys(await loadCatalog("en")).sort();
    expect(viewerKeys).toContain("live.count.stream");
    expect(viewerKeys.filter((key) => /^(config|template|preview|dashboard)\./.test(key))).toEqual([]);
    for (const language of LANGUAGES) {
      const whole = ALL_CATALOGS[language];
      const viewer = await loadCatalog(language);
      expect(Object.keys(viewer).sort(), language).toEqual(viewerKeys);
      const config = await loadConfigCatalog(language);
      const dashboard = await loadDashboardCatalog(language);
      expect(Object.keys(config).some((key) => key.startsWith("dashboard."))).toBe(false);
      expect(Object.keys(dashboard).some((key) => key.startsWith("config."))).toBe(false);
      for (const part of [viewer, config, dashboard]) {
        for (const [key, message] of Object.entries(part))
          expect(message, key).toEqual(whole[key as MessageKey]);
      }
      expect({ ...config, ...dashboard }).toEqual(whole);
    }
  });
});
