import { createAddFrameBar } from "./add-frame.ts";
import { rigApi } from "./api.ts";
import { createChatColumn } from "./chat.ts";
import { createControls } from "./controls.ts";
import { h } from "./dom.ts";
import { connectEvents } from "./events.ts";
import { configUrlFrom, panelUrlFrom } from "./frame-url.ts";
import { createFrames, type FrameSpec } from "./frames.ts";
import { createHeader } from "./header.ts";
import { createRequestLog } from "./request-log.ts";
import { createUiStore } from "./store.ts";

/** The viewers every rig page starts with. */
const DEFAULT_FRAMES: FrameSpec[] = [
  { kind: "logged-out", mode: "viewer" },
  { kind: "anonymous", mode: "viewer" },
  { kind: "identified", mode: "viewer" },
  { kind: "broadcaster", mode: "viewer" },
  { kind: "moderator", mode: "viewer" },
  { kind: "broadcaster", mode: "config" },
];

async function start(root: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const panelUrl = panelUrlFrom(location.search);
  const ttl = Number(params.get("ttl"));
  const state = await rigApi.state();
  const first = state.channels[0];
  if (!first) throw new Error("The rig has no channel: check its development config.");
  const wanted = params.get("channel");
  const channelId = state.channels.some((c) => c.broadcasterId === wanted)
    ? (wanted as string)
    : first.broadcasterId;
  const store = createUiStore(state, channelId);

  const header = createHeader(store, panelUrl);
  const row = h("div", { class: "frames-row", "data-testid": "rig-frames" });
  const frames = createFrames({
    store,
    panelUrl,
    configUrl: configUrlFrom(location.search, panelUrl),
    container: row,
    ...(Number.isFinite(ttl) && ttl > 0 ? { ttlSeconds: ttl } : {}),
  });
  const chat = createChatColumn(store);
  const log = createRequestLog();

  root.replaceChildren(
    header.element,
    h("section", { class: "frames-area" }, createAddFrameBar(store, frames.add), row),
    h("div", { class: "bottom-area" }, createControls(store), log.element),
    chat.element,
  );
  for (const spec of DEFAULT_FRAMES) frames.add(spec);

  store.subscribe((change) => {
    if (change !== "channel") return;
    const url = new URL(location.href);
    url.searchParams.set("channel", store.channelId);
    history.replaceState(null, "", url);
  });

  const resync = async () => {
    const [fresh, entries] = await Promise.all([rigApi.state(), rigApi.log(), chat.reload()]);
    store.setState(fresh);
    log.replace(entries.entries);
  };
  connectEvents({
    chat: chat.receive,
    log: log.receive,
    state: store.setState,
    frameEvent: frames.relay,
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
