import { createAddFrameBar } from "./add-frame.ts";
import { rigApi } from "./api.ts";
import { createBitsPanel } from "./bits-panel.ts";
import { createChatColumn } from "./chat.ts";
import { createContextEditor } from "./context-editor.ts";
import { createControls } from "./controls.ts";
import { h } from "./dom.ts";
import { connectEvents } from "./events.ts";
import { panelUrlFrom } from "./frame-url.ts";
import { createFrames, type FrameSpec } from "./frames.ts";
import { createHeader } from "./header.ts";
import { createPlayer } from "./player.ts";
import { createRequestLog } from "./request-log.ts";
import { createUiStore } from "./store.ts";

/** The viewers' frames every rig page starts with: a panel per kind of viewer, a popout and a phone. */
const VIEWER_FRAMES: FrameSpec[] = [
  { view: "panel", kind: "logged-out" },
  { view: "panel", kind: "anonymous" },
  { view: "panel", kind: "identified" },
  { view: "panel", kind: "broadcaster" },
  { view: "panel", kind: "moderator" },
];

async function start(root: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const ttl = Number(params.get("ttl"));
  const state = await rigApi.state();
  const first = state.channels[0];
  if (!first) throw new Error("The rig has no channel: check its development config.");
  const wanted = params.get("channel");
  const channelId = state.channels.some((c) => c.broadcasterId === wanted)
    ? (wanted as string)
    : first.broadcasterId;
  const store = createUiStore(state, await rigApi.context(channelId));

  const selectChannel = async (id: string) => {
    store.selectChannel(id, await rigApi.context(id));
  };
  const header = createHeader(store, { panelUrl: panelUrlFrom(location.search), selectChannel });
  const row = h("div", { class: "frames-row", "data-testid": "rig-frames" });
  const broadcasterRow = h("div", { class: "frames-row broadcaster-row" });
  const frames = createFrames({
    store,
    search: location.search,
    container: row,
    ...(Number.isFinite(ttl) && ttl > 0 ? { ttlSeconds: ttl } : {}),
  });
  const chat = createChatColumn(store);
  const log = createRequestLog();
  const bitsPanel = createBitsPanel(store);

  const main = h(
    "main",
    { class: "rig-main" },
    h(
      "section",
      { class: "frames-area", "aria-labelledby": "rig-viewers-title" },
      createAddFrameBar(store, (spec) => frames.add(spec)),
      row,
    ),
  );
  root.replaceChildren(header.element, main, chat.element);

  for (const spec of VIEWER_FRAMES) frames.add(spec);
  frames.add({ view: "config", kind: "broadcaster" }, { parent: broadcasterRow });
  frames.add({ view: "popout", kind: "identified" });
  frames.add({ view: "mobile", kind: "identified" });
  const player = createPlayer(store, frames);
  frames.add({ view: "live_config", kind: "broadcaster" }, { parent: broadcasterRow, slot: "live-config" });

  main.append(
    h("div", { class: "views-area" }, player.element, createContextEditor(store)),
    h(
      "section",
      { class: "frames-area", "aria-labelledby": "rig-broadcaster-title" },
      h(
        "div",
        { class: "frames-toolbar" },
        h("h2", { id: "rig-broadcaster-title" }, "Broadcaster"),
        h(
          "span",
          { class: "toolbar-hint" },
          "the settings page (mode=config) and the live dashboard (mode=dashboard)",
        ),
      ),
      broadcasterRow,
    ),
    h("div", { class: "bottom-area" }, createControls(store), log.element),
    bitsPanel.element,
  );

  const panelHeight = () =>
    document.documentElement.style.setProperty(
      "--panel-h",
      `${store.state.extension.views.panel?.height ?? 300}px`,
    );
  panelHeight();
  store.subscribe((change) => {
    if (change === "state") panelHeight();
    if (change !== "channel") return;
    const url = new URL(location.href);
    url.searchParams.set("channel", store.channelId);
    history.replaceState(null, "", url);
  });

  const resync = async () => {
    const [fresh, entries, context] = await Promise.all([
      rigApi.state(),
      rigApi.log(),
      rigApi.context(store.channelId),
      chat.reload(),
    ]);
    store.setState(fresh);
    store.setContext(context);
    log.replace(entries.entries);
  };
  connectEvents({
    chat: chat.receive,
    log: (entry) => {
      log.receive(entry);
      // An EventSub delivery can change a subscription's status (verified, failed, revoked).
      if (entry.outgoing) void bitsPanel.reload();
    },
    state: store.setState,
    frameEvent: (event) => {
      frames.relay(event);
      if (event.event === "bits") void bitsPanel.reload();
    },
    context: (change) => {
      const { changed: _changed, ...context } = change;
      store.setContext(context);
    },
    viewEvent: frames.viewEvent,
    connected: () => {
      header.setLive(true);
      void resync().catch((error) => console.error("rig: could not read the rig's state again", error));
    },
    disconnected: () => header.setLive(false),
  });
}

const root = document.getElementById("rig-app");
if (root) {
  start(root).catch((error: unknown) => {
    root.replaceChildren(
      h(
        "div",
        { class: "fatal" },
        h("h1", {}, "The rig UI could not start"),
        h("p", {}, error instanceof Error ? error.message : String(error)),
        h("p", {}, "Is the rig server running? Reload this page once it is."),
      ),
    );
  });
}
