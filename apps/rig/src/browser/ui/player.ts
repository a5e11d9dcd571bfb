import { type ViewerKind, viewerKinds } from "../protocol.ts";
import { undeclaredNote, viewerLabels } from "../views.ts";
import { type ContextPatch, rigApi } from "./api.ts";
import { componentBox } from "./component-box.ts";
import { h } from "./dom.ts";
import type { Frames } from "./frames.ts";
import type { UiStore } from "./store.ts";

/** How long the controls stay after the pointer last moved over the player, as on Twitch. */
const CONTROLS_LINGER_MS = 3000;

export interface Player {
  element: HTMLElement;
  dispose(): void;
}

/**
 * A stand-in for Twitch's video player: the video overlay frame covers the whole picture, the component frame
 * sits in its box at the right edge, and the player's controls come with the pointer and go three seconds
 * after it stops (`arePlayerControlsVisible`). Pause, mute, theatre mode and full screen change the channel's
 * context through the rig API, so every frame hears it through `onContext`, as do tests that call the API.
 * The "Extensions" button is the player's extension menu: hovering it highlights the overlay and component
 * (`onHighlightChanged`), clicking it hides or shows the component (`onVisibilityChanged`).
 */
export function createPlayer(store: UiStore, frames: Frames): Player {
  const patch = (body: ContextPatch) =>
    rigApi.patchContext(store.channelId, body).then(store.setContext, (error: unknown) => {
      status.textContent = `Context: ${error instanceof Error ? error.message : String(error)}`;
    });
  const status = h("p", { class: "player-status", role: "status" });
  const video = h(
    "div",
    { class: "player-video", "aria-hidden": "true" },
    h("span", { class: "player-live" }, "LIVE"),
    h("span", { class: "player-channel" }),
    h("span", { class: "player-game" }),
  );
  const overlayLayer = h("div", { class: "overlay-layer" });
  const componentLayer = h("div", { class: "component-layer" });
  const button = (label: string, testid: string, onclick: () => void, text: string) =>
    h(
      "button",
      { type: "button", class: "player-button", "aria-label": label, "data-testid": testid, onclick },
      text,
    );
  const ctx = () => store.context.context;
  const pause = button(
    "Pause",
    "rig-player-pause",
    () => void patch({ context: { isPaused: !ctx().isPaused } }),
    "❚❚",
  );
  const mute = button(
    "Mute",
    "rig-player-mute",
    () => void patch({ context: { isMuted: !ctx().isMuted } }),
    "🔊",
  );
  let componentHidden = false;
  const extensions = button(
    "Extensions (hover: highlight; click: show or hide the component)",
    "rig-player-extensions",
    () => {
      componentHidden = !componentHidden;
      void rigApi.viewEvent(store.channelId, {
        event: "visibility",
        isVisible: !componentHidden,
        views: ["component"],
      });
    },
    "Extensions",
  );
  const highlight = (isHighlighted: boolean) =>
    void rigApi.viewEvent(store.channelId, { event: "highlight", isHighlighted });
  extensions.addEventListener("mouseenter", () => highlight(true));
  extensions.addEventListener("mouseleave", () => highlight(false));
  const theatre = button(
    "Theatre mode",
    "rig-player-theatre",
    () => void patch({ context: { isTheatreMode: !ctx().isTheatreMode, isFullScreen: false } }),
    "Theatre",
  );
  const fullscreen = button(
    "Full screen",
    "rig-player-fullscreen",
    () => void patch({ context: { isFullScreen: !ctx().isFullScreen } }),
    "Full screen",
  );
  const controls = h(
    "div",
    { class: "player-controls", "data-testid": "rig-player-controls" },
    pause,
    mute,
    h("span", { class: "player-spacer" }),
    extensions,
    theatre,
    fullscreen,
  );
  const stage = h("div", { class: "player-stage" }, video, overlayLayer, componentLayer, controls);
  const player = h(
    "div",
    {
      class: "player",
      "data-testid": "rig-player",
      role: "region",
      "aria-label": "Stand-in video player",
    },
    stage,
  );
  const notes = h("div", { class: "player-notes" });

  const watching = h(
    "select",
    { class: "select", "data-testid": "rig-player-viewer", "aria-label": "Player watched as" },
    ...viewerKinds.map((k) => h("option", { value: k }, viewerLabels[k])),
  );
  watching.value = "identified";

  const overlayKey = frames.add(
    { view: "video_overlay", kind: "identified" },
    {
      parent: overlayLayer,
      slot: "overlay",
      bare: true,
    },
  );
  const componentKey = frames.add(
    { view: "component", kind: "identified" },
    {
      parent: componentLayer,
      slot: "component",
      bare: true,
    },
  );
  watching.addEventListener("change", () => {
    const kind = watching.value as ViewerKind;
    frames.setViewer(overlayKey, kind);
    frames.setViewer(componentKey, kind);
  });

  const element = h(
    "section",
    { class: "player-section", "data-testid": "rig-player-section", "aria-labelledby": "rig-player-title" },
    h(
      "header",
      { class: "section-header" },
      h("h2", { id: "rig-player-title" }, "Video player"),
      h(
        "span",
        { class: "toolbar-hint" },
        "video overlay and component as one viewer; controls follow the pointer",
      ),
      h("label", { class: "header-field" }, h("span", {}, "Watching as"), watching),
    ),
    player,
    notes,
    status,
  );

  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  const setControls = (visible: boolean) => {
    clearTimeout(hideTimer);
    if (visible) hideTimer = setTimeout(() => setControls(false), CONTROLS_LINGER_MS);
    if (ctx().arePlayerControlsVisible !== visible) {
      void patch({ context: { arePlayerControlsVisible: visible } });
    }
  };
  stage.addEventListener("pointermove", () => setControls(true));
  stage.addEventListener("pointerenter", () => setControls(true));
  stage.addEventListener("pointerleave", () => setControls(false));
  controls.addEventListener("focusin", () => setControls(true));
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape" && ctx().isFullScreen) void patch({ context: { isFullScreen: false } });
  };
  document.addEventListener("keydown", onKey);

  const layout = () => {
    const { context } = store.context;
    const views = store.state.extension.views;
    player.classList.toggle("is-theatre", context.isTheatreMode);
    player.classList.toggle("is-fullscreen", context.isFullScreen);
    element.classList.toggle("is-theatre", context.isTheatreMode);
    stage.classList.toggle("controls-visible", context.arePlayerControlsVisible);
    pause.setAttribute("aria-pressed", String(context.isPaused));
    pause.textContent = context.isPaused ? "▶" : "❚❚";
    mute.setAttribute("aria-pressed", String(context.isMuted));
    mute.textContent = context.isMuted ? "🔇" : "🔊";
    theatre.setAttribute("aria-pressed", String(context.isTheatreMode));
    fullscreen.setAttribute("aria-pressed", String(context.isFullScreen));
    fullscreen.setAttribute("aria-label", context.isFullScreen ? "Exit full screen" : "Full screen");
    const channel = store.channel();
    video.querySelector(".player-channel")?.replaceChildren(channel?.displayName ?? store.channelId);
    video.querySelector(".player-game")?.replaceChildren(context.game);

    const { width, height } = stage.getBoundingClientRect();
    if (width > 0 && height > 0) frames.setDisplayResolution(`${Math.round(width)}x${Math.round(height)}`);
    const component = views.component;
    componentLayer.hidden = !component;
    if (component && width > 0) {
      const box = componentBox(component, { width, height }, store.context.componentPosition);
      Object.assign(componentLayer.style, {
        left: `${box.left}px`,
        top: `${box.top}px`,
        width: `${box.width}px`,
        height: `${box.height}px`,
      });
      componentLayer.style.setProperty("--component-scale", String(box.scale));
      componentLayer.style.setProperty("--component-layout-width", `${box.layoutWidth}px`);
      componentLayer.style.setProperty("--component-layout-height", `${box.layoutHeight}px`);
      frames.setPosition(componentKey, box.position);
    }
    const undeclared = (["video_overlay", "component"] as const)
      .filter((view) => !(view === "video_overlay" ? views.videoOverlay : views.component))
      .map((view) => undeclaredNote(view, store.state.extension.version));
    const name = channel?.displayName ?? store.channelId;
    const absent = !channel?.installedVersion
      ? `Not installed on ${name}: the player shows no extension.`
      : !channel.activated
        ? `Deactivated on ${name}: Twitch removes the extension from the player.`
        : undefined;
    notes.replaceChildren(
      ...[...undeclared, ...(absent && undeclared.length < 2 ? [absent] : [])].map((text) =>
        h("p", { class: "empty-note" }, text),
      ),
    );
  };

  const resize = typeof ResizeObserver === "undefined" ? undefined : new ResizeObserver(() => layout());
  resize?.observe(stage);
  store.subscribe(() => layout());
  layout();

  return {
    element,
    dispose() {
      resize?.disconnect();
      clearTimeout(hideTimer);
      document.removeEventListener("keydown", onKey);
    },
  };
}
