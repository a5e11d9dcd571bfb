import {
  type FeatureFlags,
  type FrameToParentMessage,
  featuresFor,
  isRigMessage,
  type ParentToFrameMessage,
  RIG_MESSAGE_SOURCE,
  type RigEvent,
  type RigTokenResponse,
  type ViewerKind,
} from "../protocol.ts";
import { rigApi } from "./api.ts";
import { append, h, timeOf } from "./dom.ts";
import { type FrameMode, frameUrl, viewerLabels } from "./frame-url.ts";
import type { UiStore } from "./store.ts";

export interface FrameSpec {
  kind: ViewerKind;
  /** The rig user this frame is (identified, anonymous, moderator); the rig picks one when absent. */
  userId?: string;
  mode: FrameMode;
}

interface FrameEntry {
  n: number;
  spec: FrameSpec;
  card: HTMLElement;
  iframe: HTMLIFrameElement;
  ready: boolean;
  issued: RigTokenResponse | undefined;
  refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts token requests so a late answer for an old request is dropped. */
  generation: number;
}

export interface Frames {
  add(spec: FrameSpec): void;
  remove(n: number): void;
  /** Passes a rig event (PubSub, configuration) on to every loaded frame. */
  relay(event: RigEvent): void;
  /** Stops the playback-context ticks and stops listening to the frames. */
  dispose(): void;
}

const SANDBOX = "allow-forms allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox";
const RETRY_MS = 5000;

/**
 * The row of panel frames: one iframe per viewer, each given its own token by the rig (`POST /rig/api/tokens`),
 * refreshed at 80% of its life, and everything else Twitch's page would tell the helper (context, features,
 * PubSub, configuration changes) over `postMessage`, addressed to the panel's origin only.
 */
export function createFrames(options: {
  store: UiStore;
  panelUrl: string;
  /** The broadcaster's configuration page, framed for mode=config. */
  configUrl?: string;
  container: HTMLElement;
  ttlSeconds?: number;
  /** How often viewer frames get a playback context, as while video plays (0: never). */
  contextTickMs?: number;
}): Frames {
  const { store, panelUrl, container } = options;
  const pages = { panel: panelUrl, config: options.configUrl ?? new URL("config.html", panelUrl).href };
  const panelOrigin = new URL(panelUrl).origin;
  const entries: FrameEntry[] = [];
  let nextN = 1;
  let lastFeatures: FeatureFlags = featuresFor(store.state, store.channelId);

  const post = (entry: FrameEntry, message: ParentToFrameMessage) => {
    if (entry.ready) entry.iframe.contentWindow?.postMessage(message, panelOrigin);
  };

  const fullContext = (entry: FrameEntry): Partial<Twitch.ext.Context> => ({
    arePlayerControlsVisible: false,
    game: "Software and Game Development",
    isFullScreen: false,
    isMuted: false,
    isPaused: false,
    isTheatreMode: false,
    language: "en",
    mode: entry.spec.mode,
    playbackMode: "video",
    theme: store.theme,
    volume: 0.5,
  });

  const describe = (entry: FrameEntry) => {
    const viewer = entry.issued?.viewer;
    const kind = entry.spec.kind;
    if (kind === "broadcaster") return store.channel()?.displayName ?? "";
    if (kind === "logged-out") return "not logged in";
    if (viewer?.id) return store.displayName(viewer.id) ?? `user ${viewer.id}`;
    const account = entry.issued?.account;
    if (account) return `${account.displayName}, not shared`;
    return viewer ? viewer.opaqueId : "";
  };

  const renderLabel = (entry: FrameEntry, status?: { text: string; error?: boolean }) => {
    const label = entry.card.querySelector(".frame-label");
    const footer = entry.card.querySelector(".frame-status");
    if (label) {
      label.replaceChildren();
      append(
        label,
        h("span", { class: `viewer-badge viewer-${entry.spec.kind}` }, viewerLabels[entry.spec.kind]),
        h("span", { class: "frame-name", title: describe(entry) }, describe(entry)),
        entry.spec.mode !== "viewer" ? h("span", { class: "frame-mode" }, entry.spec.mode) : null,
        h(
          "button",
          {
            class: "icon-button",
            type: "button",
            title: "Remove this viewer",
            "aria-label": `Remove frame ${entry.n}`,
            "data-testid": `rig-frame-remove-${entry.n}`,
            onclick: () => remove(entry.n),
          },
          "×",
        ),
      );
    }
    entry.iframe.dataset.viewer = entry.spec.kind;
    if (footer) {
      const issued = entry.issued;
      const text =
        status?.text ??
        (issued
          ? `${issued.viewer.role} · token until ${timeOf(issued.expiresAt)}`
          : entry.ready
            ? "asking the rig for a token…"
            : "loading the panel…");
      footer.textContent = text;
      footer.classList.toggle("is-error", Boolean(status?.error));
    }
  };

  const sendAuthorized = (entry: FrameEntry) => {
    const issued = entry.issued;
    if (!issued) return;
    post(entry, { source: RIG_MESSAGE_SOURCE, type: "authorized", auth: issued.auth, viewer: issued.viewer });
    post(entry, { source: RIG_MESSAGE_SOURCE, type: "features", features: lastFeatures, changed: [] });
  };

  const requestToken = async (entry: FrameEntry) => {
    clearTimeout(entry.refreshTimer);
    const generation = ++entry.generation;
    try {
      const issued = await rigApi.token({
        channelId: store.channelId,
        viewer: entry.spec.kind,
        ...(entry.spec.userId ? { userId: entry.spec.userId } : {}),
        ...(options.ttlSeconds ? { ttlSeconds: options.ttlSeconds } : {}),
      });
      if (generation !== entry.generation || !entries.includes(entry)) return;
      entry.issued = issued;
      renderLabel(entry);
      sendAuthorized(entry);
      const lifeMs = Date.parse(issued.expiresAt) - Date.now();
      entry.refreshTimer = setTimeout(() => void requestToken(entry), Math.max(1000, lifeMs * 0.8));
    } catch (error) {
      if (generation !== entry.generation || !entries.includes(entry)) return;
      const message = error instanceof Error ? error.message : String(error);
      renderLabel(entry, { text: message, error: true });
      post(entry, { source: RIG_MESSAGE_SOURCE, type: "error", error: message });
      entry.refreshTimer = setTimeout(() => void requestToken(entry), RETRY_MS);
    }
  };

  const tokenIsFresh = (entry: FrameEntry) =>
    entry.issued !== undefined &&
    entry.issued.auth.channelId === store.channelId &&
    Date.parse(entry.issued.expiresAt) - Date.now() > 5000;

  const onReady = (entry: FrameEntry) => {
    entry.ready = true;
    if (tokenIsFresh(entry)) sendAuthorized(entry);
    else void requestToken(entry);
    post(entry, { source: RIG_MESSAGE_SOURCE, type: "context", context: fullContext(entry), changed: [] });
    renderLabel(entry);
  };

  const onIdShare = (entry: FrameEntry) => {
    const kind = entry.spec.kind;
    if (kind !== "anonymous" && kind !== "logged-out") {
      renderLabel(entry, { text: "requestIdShare: nothing to do (identity already known to the extension)" });
      return;
    }
    entry.spec = { ...entry.spec, kind: "identified" };
    if (kind === "logged-out") delete entry.spec.userId;
    renderLabel(entry, { text: "identity shared: asking the rig for a new token…" });
    void requestToken(entry);
  };

  const onMessage = (event: MessageEvent) => {
    if (event.origin !== panelOrigin || !isRigMessage(event.data)) return;
    const entry = entries.find((e) => e.iframe.contentWindow === event.source);
    if (!entry) return;
    const message = event.data as FrameToParentMessage;
    if (message.type === "ready") onReady(entry);
    else if (message.type === "requestIdShare") onIdShare(entry);
    else if (message.type === "log") renderLabel(entry, { text: `rig.log: ${message.message}` });
  };

  const build = (entry: Omit<FrameEntry, "card" | "iframe">): FrameEntry => {
    const iframe = h("iframe", {
      class: "panel-frame",
      "data-testid": `rig-frame-${entry.n}`,
      "data-viewer": entry.spec.kind,
      "data-mode": entry.spec.mode,
      title: `Panel as ${viewerLabels[entry.spec.kind]}`,
      sandbox: SANDBOX,
      src: frameUrl(pages, { mode: entry.spec.mode, state: store.channel()?.versionState ?? "testing" }),
    });
    const card = h(
      "section",
      { class: "frame-card", "data-testid": `rig-frame-card-${entry.n}` },
      h("header", { class: "frame-label" }),
      iframe,
      h("footer", { class: "frame-status" }),
    );
    return { ...entry, card, iframe };
  };

  const add = (spec: FrameSpec) => {
    const entry = build({
      n: nextN++,
      spec: { ...spec },
      ready: false,
      issued: undefined,
      refreshTimer: undefined,
      generation: 0,
    });
    entries.push(entry);
    container.append(entry.card);
    renderLabel(entry);
  };

  const remove = (n: number) => {
    const index = entries.findIndex((e) => e.n === n);
    const entry = entries[index];
    if (!entry) return;
    clearTimeout(entry.refreshTimer);
    entries.splice(index, 1);
    entry.card.remove();
  };

  store.subscribe((change) => {
    if (change === "channel") {
      lastFeatures = featuresFor(store.state, store.channelId);
      for (const [index, entry] of entries.entries()) {
        clearTimeout(entry.refreshTimer);
        const rebuilt = build({
          ...entry,
          ready: false,
          issued: undefined,
          generation: entry.generation + 1,
        });
        entry.card.replaceWith(rebuilt.card);
        entries[index] = rebuilt;
        renderLabel(rebuilt);
      }
      return;
    }
    if (change === "theme") {
      for (const entry of entries) {
        post(entry, {
          source: RIG_MESSAGE_SOURCE,
          type: "context",
          context: { theme: store.theme },
          changed: ["theme"],
        });
      }
      return;
    }
    const features = featuresFor(store.state, store.channelId);
    const changed = (Object.keys(features) as (keyof FeatureFlags)[]).filter(
      (k) => features[k] !== lastFeatures[k],
    );
    lastFeatures = features;
    for (const entry of entries) {
      if (changed.length > 0)
        post(entry, { source: RIG_MESSAGE_SOURCE, type: "features", features, changed });
      renderLabel(entry);
    }
  });

  window.addEventListener("message", onMessage);

  // While video plays, Twitch's page sends the helper a context about once a second (latency, buffer...):
  // panels must cope with onContext firing often, so the rig does the same for viewer frames.
  const tickMs = options.contextTickMs ?? 1000;
  let tick = 0;
  const ticker =
    tickMs > 0
      ? setInterval(() => {
          tick++;
          for (const entry of entries) {
            if (entry.spec.mode !== "viewer") continue;
            post(entry, {
              source: RIG_MESSAGE_SOURCE,
              type: "context",
              context: { hlsLatencyBroadcaster: 2 + (tick % 5) / 10 },
              changed: ["hlsLatencyBroadcaster"],
            });
          }
        }, tickMs)
      : undefined;

  return {
    add,
    remove,
    relay(event) {
      for (const entry of entries) post(entry, { source: RIG_MESSAGE_SOURCE, type: "event", ...event });
    },
    dispose() {
      clearInterval(ticker);
      window.removeEventListener("message", onMessage);
    },
  };
}
