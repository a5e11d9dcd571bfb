import {
  type FeatureFlags,
  type FrameToParentMessage,
  featuresFor,
  isRigMessage,
  type ParentToFrameMessage,
  RIG_MESSAGE_SOURCE,
  type RigEvent,
  type RigTokenResponse,
  type ViewEvent,
  type ViewerKind,
  type ViewName,
} from "../protocol.ts";
import {
  contextForView,
  isBroadcasterView,
  modeOf,
  undeclaredNote,
  viewerLabels,
  viewLabels,
} from "../views.ts";
import { rigApi } from "./api.ts";
import { type BitsFrame, createBitsFlow } from "./bits-flow.ts";
import { append, h, timeOf } from "./dom.ts";
import { frameSrc, viewPageUrl } from "./frame-url.ts";
import { createIdPrompt } from "./id-prompt.ts";
import type { UiStore } from "./store.ts";

export interface FrameSpec {
  view: ViewName;
  kind: ViewerKind;
  /** The rig user this frame is (identified, anonymous, moderator); the rig picks one when absent. */
  userId?: string;
}

/** Where a frame goes: its parent element, and whether it is a card (header, footer) or bare (in the player). */
export interface FramePlacement {
  parent: HTMLElement;
  /** Fixed slots (overlay, component, live config) are named, not numbered, and cannot be removed. */
  slot?: string;
  bare?: boolean;
}

interface FrameEntry {
  /** `n` for numbered frames, the slot's name for fixed ones: test ids and prompts use it. */
  key: string;
  numbered: boolean;
  spec: FrameSpec;
  card: HTMLElement;
  body: HTMLElement;
  label: HTMLElement | undefined;
  footer: HTMLElement | undefined;
  iframe: HTMLIFrameElement | undefined;
  /** The src the iframe was built for; a different one (language, page) means a new page load. */
  src: string | undefined;
  origin: string | undefined;
  ready: boolean;
  issued: RigTokenResponse | undefined;
  refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts token requests so a late answer for an old request is dropped. */
  generation: number;
  /** Hidden by the viewer (mobile, component: onVisibilityChanged(false)). */
  hidden: boolean;
  position: { x: number; y: number } | undefined;
  note: { text: string; error?: boolean } | undefined;
}

export interface Frames {
  /** Adds a frame of `spec` in `placement` (the row of viewer frames when absent); answers its key. */
  add(spec: FrameSpec, placement?: FramePlacement): string;
  remove(key: string): void;
  /** Makes a frame another viewer (a new token, the same page). */
  setViewer(key: string, kind: ViewerKind, userId?: string): void;
  /** Passes a rig event (PubSub, configuration) on to every loaded frame. */
  relay(event: RigEvent): void;
  /** A visibility or highlight change from the rig (SSE `viewEvent`) for the frames of its views. */
  viewEvent(event: ViewEvent): void;
  /** The component's position in the player (`onPositionChanged`), sent on change and on load. */
  setPosition(key: string, position: { x: number; y: number }): void;
  /** The player's size in pixels, which the video views get as `displayResolution`. */
  setDisplayResolution(resolution: string): void;
  /** Stops the playback-context ticks and stops listening to the frames. */
  dispose(): void;
}

const SANDBOX = "allow-forms allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox";
const RETRY_MS = 5000;

/**
 * Every extension frame of the rig, whatever its view: each gets its own token from the rig
 * (`POST /rig/api/tokens`, refreshed at 80% of its life) and everything Twitch's page tells the helper
 * (context for its view, features, PubSub, configuration, visibility, highlight, position) over `postMessage`,
 * addressed to the frame's own origin. A view the version does not declare, or an extension the channel has
 * not activated, shows what Twitch shows: nothing, with the reason.
 */
export function createFrames(options: {
  store: UiStore;
  /** The rig page's query string: `?panel=`, `?config=`, `?overlay=`... override the views' pages. */
  search?: string;
  /** The row numbered viewer frames go to by default. */
  container: HTMLElement;
  ttlSeconds?: number;
  /** How often viewer frames get a playback context, as while video plays (0: never). */
  contextTickMs?: number;
}): Frames {
  const { store, container } = options;
  const search = options.search ?? "";
  const entries: FrameEntry[] = [];
  let nextN = 1;
  let lastFeatures: FeatureFlags = featuresFor(store.state, store.channelId);
  let displayResolution = "1280x720";

  const post = (entry: FrameEntry, message: ParentToFrameMessage) => {
    if (entry.ready && entry.origin) entry.iframe?.contentWindow?.postMessage(message, entry.origin);
  };
  const contextOf = (entry: FrameEntry, context = store.context.context) =>
    contextForView(entry.spec.view, context, { displayResolution });

  const viewerName = (entry: FrameEntry) => {
    const viewer = entry.issued?.viewer;
    const kind = entry.spec.kind;
    if (kind === "broadcaster") return store.channel()?.displayName ?? "the broadcaster";
    if (kind === "logged-out") return "not logged in";
    if (viewer?.id) return store.displayName(viewer.id) ?? `user ${viewer.id}`;
    const account = entry.issued?.account;
    if (account) return `${account.displayName}, not shared`;
    return viewer ? viewer.opaqueId : "";
  };

  /** What the frame is, for its title (its accessible name) and header: the view and the viewer. */
  const describe = (entry: FrameEntry) => {
    const name = viewerName(entry);
    const who = viewerLabels[entry.spec.kind].toLowerCase();
    return `${viewLabels[entry.spec.view]} · ${name ? `${name} (${who})` : who}`;
  };

  const renderLabel = (entry: FrameEntry) => {
    const { label, footer } = entry;
    if (entry.iframe) {
      entry.iframe.title = describe(entry);
      entry.iframe.dataset.viewer = entry.spec.kind;
    }
    entry.card.dataset.viewer = entry.spec.kind;
    if (label) {
      label.replaceChildren();
      append(
        label,
        h("span", { class: "view-badge" }, viewLabels[entry.spec.view]),
        h("span", { class: `viewer-badge viewer-${entry.spec.kind}` }, viewerLabels[entry.spec.kind]),
        h("span", { class: "frame-name", title: viewerName(entry) }, viewerName(entry)),
        entry.spec.view === "panel"
          ? h(
              "button",
              {
                class: "icon-button",
                type: "button",
                title: "Pop out this panel, as Twitch's panel menu does",
                "aria-label": `Pop out panel ${entry.key}`,
                "data-testid": `rig-frame-popout-${entry.key}`,
                onclick: () => add({ ...entry.spec, view: "popout" }),
              },
              "↗",
            )
          : null,
        entry.numbered
          ? h(
              "button",
              {
                class: "icon-button",
                type: "button",
                title: "Remove this frame",
                "aria-label": `Remove frame ${entry.key}`,
                "data-testid": `rig-frame-remove-${entry.key}`,
                onclick: () => remove(entry.key),
              },
              "×",
            )
          : null,
      );
    }
    if (footer) {
      const issued = entry.issued;
      const text =
        entry.note?.text ??
        (!entry.iframe
          ? "no page: see above"
          : issued
            ? `${issued.viewer.role} · token until ${timeOf(issued.expiresAt)}`
            : entry.ready
              ? "asking the rig for a token…"
              : "loading the page…");
      footer.textContent = text;
      footer.classList.toggle("is-error", Boolean(entry.note?.error));
    }
  };

  const say = (entry: FrameEntry, text: string, error = false) => {
    entry.note = { text, error };
    renderLabel(entry);
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
      say(entry, message, true);
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
    post(entry, { source: RIG_MESSAGE_SOURCE, type: "context", context: contextOf(entry), changed: [] });
    if (entry.hidden) post(entry, { source: RIG_MESSAGE_SOURCE, type: "visibility", isVisible: false });
    if (entry.position)
      post(entry, { source: RIG_MESSAGE_SOURCE, type: "position", position: entry.position });
    renderLabel(entry);
  };

  const prompts = createIdPrompt({
    extensionName: () => store.state.extension.name,
    viewers: () => store.state.users.filter((u) => u.kind === "viewer" || u.kind === "moderator"),
  });

  const onIdShare = (entry: FrameEntry) => {
    const kind = entry.spec.kind;
    if (!store.state.extension.requestIdentityLink) {
      say(entry, "requestIdShare: Request Identity Link is off for this extension, so Twitch does nothing");
      return;
    }
    if (kind === "broadcaster") {
      say(entry, "requestIdShare: the broadcaster on their own channel: Twitch does nothing");
      return;
    }
    if (kind === "identified" || kind === "moderator") {
      say(entry, "requestIdShare: identity already shared: nothing to ask");
      return;
    }
    if (kind === "logged-out") {
      say(entry, "requestIdShare: Twitch asks a logged-out viewer to log in");
      prompts.askLogin(entry.body, entry.key, {
        login: (userId) => {
          entry.spec = { ...entry.spec, kind: "anonymous", userId };
          say(entry, "logged in: identity not shared yet; asking the rig for a token…");
          void requestToken(entry);
        },
        cancel: () => say(entry, "login cancelled: still logged out (Twitch tells the extension nothing)"),
      });
      return;
    }
    say(entry, "requestIdShare: Twitch asks the viewer");
    const name = entry.issued?.account?.displayName ?? store.displayName(entry.spec.userId) ?? "this viewer";
    prompts.askShare(entry.body, entry.key, name, {
      allow: () => {
        const userId = entry.spec.userId ?? entry.issued?.account?.id;
        entry.spec = { ...entry.spec, kind: "identified", ...(userId ? { userId } : {}) };
        say(entry, "identity shared: asking the rig for a new token…");
        void requestToken(entry);
      },
      deny: () => say(entry, "identity not shared: the viewer said no (Twitch tells the extension nothing)"),
    });
  };

  const bits = createBitsFlow(store);
  const bitsFrame = (entry: FrameEntry): BitsFrame => ({
    host: entry.body,
    key: entry.key,
    accountId: entry.issued?.account?.id,
    say: (text, error) => say(entry, text, error),
    cancelled: () => post(entry, { source: RIG_MESSAGE_SOURCE, type: "bitsCancelled" }),
  });

  const onMessage = (event: MessageEvent) => {
    if (!isRigMessage(event.data)) return;
    const entry = entries.find((e) => e.iframe && e.iframe.contentWindow === event.source);
    if (!entry || event.origin !== entry.origin) return;
    const message = event.data as FrameToParentMessage;
    if (message.type === "ready") onReady(entry);
    else if (message.type === "requestIdShare") onIdShare(entry);
    else if (message.type === "log") say(entry, `rig.log: ${message.message}`);
    else if (message.type === "useBits") {
      bits.useBits(bitsFrame(entry), message.sku, message.loopback).catch((error: unknown) => {
        say(entry, `useBits: the rig could not ask: ${String(error)}`, true);
        post(entry, { source: RIG_MESSAGE_SOURCE, type: "bitsCancelled" });
      });
    } else if (message.type === "showBitsBalance") {
      bits.showBalance(bitsFrame(entry)).catch((error: unknown) => say(entry, String(error), true));
    }
  };

  /** Why a viewer would see nothing here, or undefined when Twitch shows the page. */
  const absence = (entry: FrameEntry): string | undefined => {
    const { view } = entry.spec;
    const channel = store.channel();
    const { extension } = store.state;
    if (!viewPageUrl(view, extension.views, search)) return undeclaredNote(view, extension.version);
    const name = channel?.displayName ?? store.channelId;
    if (!channel?.installedVersion) {
      return `Not installed on ${name}: Twitch shows no page of the extension there.`;
    }
    if (!channel.activated && view !== "config") {
      return isBroadcasterView(view)
        ? `Installed but not activated on ${name}: the live dashboard shows only active extensions.`
        : `Deactivated on ${name}: Twitch removes the extension from viewers' pages.`;
    }
    return undefined;
  };

  const srcOf = (entry: FrameEntry): string | undefined => {
    const page = viewPageUrl(entry.spec.view, store.state.extension.views, search);
    if (!page) return undefined;
    return frameSrc(page, entry.spec.view, {
      views: store.state.extension.views,
      language: store.context.query.language,
      locale: store.context.query.locale,
      state: store.channel()?.versionState ?? "testing",
    });
  };

  /** Loads, reloads or takes away the frame's page as the version, the channel and the query say. */
  const render = (entry: FrameEntry, force = false) => {
    const why = absence(entry);
    entry.card.classList.toggle("is-absent", Boolean(why));
    if (why) {
      if (entry.iframe || force || !entry.body.querySelector(".frame-absent")) {
        clearTimeout(entry.refreshTimer);
        entry.generation++;
        entry.iframe = undefined;
        entry.src = undefined;
        entry.ready = false;
        entry.issued = undefined;
        entry.note = undefined;
        entry.body.replaceChildren(
          h("p", { class: "frame-absent", "data-testid": `rig-frame-absent-${entry.key}` }, why),
        );
      } else {
        const note = entry.body.querySelector(".frame-absent");
        if (note) note.textContent = why;
      }
      renderLabel(entry);
      return;
    }
    const next = srcOf(entry);
    if (!next) return;
    if (!force && entry.iframe && stripState(next) === stripState(entry.src ?? "")) return;
    clearTimeout(entry.refreshTimer);
    entry.generation++;
    entry.ready = false;
    entry.issued = undefined;
    entry.src = next;
    entry.origin = new URL(next).origin;
    const iframe = h("iframe", {
      class: `ext-frame view-${entry.spec.view}`,
      "data-testid": entry.numbered ? `rig-frame-${entry.key}` : `rig-view-${entry.key}`,
      "data-viewer": entry.spec.kind,
      "data-mode": modeOf(entry.spec.view),
      "data-view": entry.spec.view,
      title: describe(entry),
      sandbox: SANDBOX,
      src: next,
    });
    entry.iframe = iframe;
    entry.note = undefined;
    const stream =
      entry.spec.view === "mobile"
        ? h(
            "div",
            { class: "phone-video", "aria-hidden": "true" },
            `${store.channel()?.displayName ?? ""} · live`,
          )
        : null;
    entry.body.replaceChildren(...(stream ? [stream] : []), iframe);
    renderLabel(entry);
  };

  const add = (spec: FrameSpec, placement: FramePlacement = { parent: container }): string => {
    const numbered = placement.slot === undefined;
    const key = numbered ? String(nextN++) : (placement.slot as string);
    const bare = placement.bare ?? false;
    const body = h("div", { class: "frame-body" });
    const label = bare ? undefined : h("header", { class: "frame-label" });
    const footer = bare ? undefined : h("footer", { class: "frame-status", role: "status" });
    const card = h(
      "section",
      {
        class: `frame-card view-${spec.view}${bare ? " is-bare" : ""}`,
        "data-testid": `rig-frame-card-${key}`,
        "data-view": spec.view,
      },
      label,
      body,
      footer,
    );
    const entry: FrameEntry = {
      key,
      numbered,
      spec: { ...spec },
      card,
      body,
      label,
      footer,
      iframe: undefined,
      src: undefined,
      origin: undefined,
      ready: false,
      issued: undefined,
      refreshTimer: undefined,
      generation: 0,
      hidden: false,
      position: undefined,
      note: undefined,
    };
    entries.push(entry);
    placement.parent.append(card);
    render(entry);
    return key;
  };

  const remove = (key: string) => {
    const index = entries.findIndex((e) => e.key === key);
    const entry = entries[index];
    if (!entry) return;
    clearTimeout(entry.refreshTimer);
    entries.splice(index, 1);
    entry.card.remove();
  };

  const onContextChange = () => {
    const before = store.previousContext;
    const after = store.context;
    for (const entry of entries) {
      if (before.query.language !== after.query.language || before.query.locale !== after.query.locale) {
        render(entry, true);
        continue;
      }
      const was = contextOf(entry, before.context);
      const now = contextOf(entry, after.context);
      const changed = (Object.keys(now) as (keyof Twitch.ext.Context)[]).filter((k) => was[k] !== now[k]);
      if (changed.length === 0) continue;
      const context = Object.fromEntries(changed.map((k) => [k, now[k]]));
      post(entry, { source: RIG_MESSAGE_SOURCE, type: "context", context, changed: changed.map(String) });
    }
  };

  store.subscribe((change) => {
    if (change === "channel") {
      lastFeatures = featuresFor(store.state, store.channelId);
      for (const entry of entries) {
        entry.hidden = false;
        render(entry, true);
      }
      return;
    }
    if (change === "context") {
      onContextChange();
      return;
    }
    const features = featuresFor(store.state, store.channelId);
    const changed = (Object.keys(features) as (keyof FeatureFlags)[]).filter(
      (k) => features[k] !== lastFeatures[k],
    );
    lastFeatures = features;
    for (const entry of entries) {
      render(entry);
      if (changed.length > 0)
        post(entry, { source: RIG_MESSAGE_SOURCE, type: "features", features, changed });
      renderLabel(entry);
    }
  });

  window.addEventListener("message", onMessage);

  // While video plays, Twitch's page sends the helper a context about once a second (latency, buffer...):
  // pages must cope with onContext firing often, so the rig does the same for the views that show video.
  const tickMs = options.contextTickMs ?? 1000;
  let tick = 0;
  const ticker =
    tickMs > 0
      ? setInterval(() => {
          tick++;
          for (const entry of entries) {
            if (isBroadcasterView(entry.spec.view) || entry.hidden) continue;
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
    setViewer(key, kind, userId) {
      const entry = entries.find((e) => e.key === key);
      if (!entry) return;
      entry.spec = { view: entry.spec.view, kind, ...(userId ? { userId } : {}) };
      entry.issued = undefined;
      entry.note = undefined;
      if (entry.ready) void requestToken(entry);
      renderLabel(entry);
    },
    relay(event) {
      for (const entry of entries) post(entry, { source: RIG_MESSAGE_SOURCE, type: "event", ...event });
    },
    viewEvent(event) {
      if (event.channelId !== store.channelId) return;
      for (const entry of entries) {
        if (!event.views.includes(entry.spec.view)) continue;
        if (event.event === "visibility") {
          entry.hidden = !event.isVisible;
          entry.card.classList.toggle("is-hidden-by-viewer", entry.hidden);
          post(entry, { source: RIG_MESSAGE_SOURCE, type: "visibility", isVisible: event.isVisible });
        } else {
          entry.card.classList.toggle("is-highlighted", event.isHighlighted);
          post(entry, { source: RIG_MESSAGE_SOURCE, type: "highlight", isHighlighted: event.isHighlighted });
        }
      }
    },
    setPosition(key, position) {
      const entry = entries.find((e) => e.key === key);
      if (!entry) return;
      if (entry.position?.x === position.x && entry.position?.y === position.y) return;
      entry.position = { ...position };
      post(entry, { source: RIG_MESSAGE_SOURCE, type: "position", position: { ...position } });
    },
    setDisplayResolution(resolution) {
      if (resolution === displayResolution) return;
      displayResolution = resolution;
      for (const entry of entries) {
        if (isBroadcasterView(entry.spec.view) || entry.hidden) continue;
        post(entry, {
          source: RIG_MESSAGE_SOURCE,
          type: "context",
          context: { displayResolution },
          changed: ["displayResolution"],
        });
      }
    },
    dispose() {
      clearInterval(ticker);
      window.removeEventListener("message", onMessage);
      for (const entry of entries) clearTimeout(entry.refreshTimer);
    },
  };
}

/** A frame's src without `state`: the version state a frame was opened with does not reload it. */
function stripState(src: string): string {
  if (!src) return "";
  const url = new URL(src);
  url.searchParams.delete("state");
  return url.href;
}
