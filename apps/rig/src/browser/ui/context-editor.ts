import type { ViewerContext } from "../protocol.ts";
import { type ContextPatch, rigApi } from "./api.ts";
import { h } from "./dom.ts";
import type { UiStore } from "./store.ts";

/** Languages Twitch's site offers that the rig lists first (any tag can be set through the API). */
const LANGUAGES: [tag: string, name: string][] = [
  ["en", "English"],
  ["de", "Deutsch"],
  ["es", "Español"],
  ["fr", "Français"],
  ["pt-br", "Português (Brasil)"],
  ["ja", "日本語"],
  ["it", "Italiano"],
  ["ko", "한국어"],
];

const PLAYBACK_MODES: ViewerContext["playbackMode"][] = ["video", "audio", "remote", "chat-only"];

/**
 * The selected channel's viewer context, as every frame of the channel hears it: the editor writes through
 * `PATCH /rig/api/channels/:id/context` (tests call the same API) and shows what the rig holds, so a change
 * made by a test or by the player shows here at once. Visibility and highlight are events, not state: each
 * button sends one (`POST .../context/events`) to the views Twitch sends it to.
 */
export function createContextEditor(store: UiStore): HTMLElement {
  const status = h("p", { class: "controls-status", role: "status" });
  const patch = (body: ContextPatch) =>
    rigApi.patchContext(store.channelId, body).then(
      (next) => {
        status.textContent = "";
        store.setContext(next);
      },
      (error: unknown) => {
        status.textContent = `Context: ${error instanceof Error ? error.message : String(error)}`;
      },
    );

  const select = (name: string, label: string, options: [string, string][]) =>
    h(
      "select",
      { class: "select", "data-testid": `rig-context-${name}`, "aria-label": label },
      ...options.map(([value, text]) => h("option", { value }, text)),
    );
  const theme = select("theme", "Theme", [
    ["dark", "dark"],
    ["light", "light"],
  ]);
  theme.dataset.testid = "rig-control-theme";
  const language = select("language", "Context language (onContext)", LANGUAGES);
  const queryLanguage = select("queryLanguage", "Viewer's language (frames' query, reloads them)", LANGUAGES);
  const playbackMode = select(
    "playbackMode",
    "Playback mode",
    PLAYBACK_MODES.map((m) => [m, m]),
  );
  const game = h("input", {
    type: "text",
    class: "text-input text-input-wide",
    "data-testid": "rig-context-game",
    "aria-label": "Game",
    spellcheck: "false",
  });
  const toggle = (name: keyof ViewerContext, label: string) => {
    const input = h("input", {
      type: "checkbox",
      role: "switch",
      class: "switch",
      "aria-label": label,
      "data-testid": `rig-context-${name}`,
    });
    input.addEventListener("change", () => void patch({ context: { [name]: input.checked } }));
    return input;
  };
  const fullScreen = toggle("isFullScreen", "Full screen");
  const theatre = toggle("isTheatreMode", "Theatre mode");
  const controls = toggle("arePlayerControlsVisible", "Player controls visible");
  const paused = toggle("isPaused", "Paused");
  const muted = toggle("isMuted", "Muted");

  theme.addEventListener("change", () => void patch({ context: { theme: theme.value as "dark" | "light" } }));
  language.addEventListener("change", () => void patch({ context: { language: language.value } }));
  queryLanguage.addEventListener("change", () => void patch({ query: { language: queryLanguage.value } }));
  playbackMode.addEventListener(
    "change",
    () => void patch({ context: { playbackMode: playbackMode.value as ViewerContext["playbackMode"] } }),
  );
  game.addEventListener("change", () => void patch({ context: { game: game.value.trim() } }));

  const event = (text: string, testid: string, send: () => Promise<unknown>) =>
    h(
      "button",
      {
        type: "button",
        class: "button",
        "data-testid": testid,
        onclick: () =>
          void send().then(
            () => {
              status.textContent = `Sent: ${text}.`;
            },
            (error: unknown) => {
              status.textContent = `${text}: ${error instanceof Error ? error.message : String(error)}`;
            },
          ),
      },
      text,
    );
  const channel = () => store.channelId;
  const visibility = (isVisible: boolean) => () =>
    rigApi.viewEvent(channel(), { event: "visibility", isVisible });
  const highlight = (isHighlighted: boolean) => () =>
    rigApi.viewEvent(channel(), { event: "highlight", isHighlighted });

  const field = (label: string, hint: string, control: HTMLElement) =>
    h(
      "div",
      { class: "control-row" },
      h(
        "div",
        { class: "control-text" },
        h("span", { class: "control-label", "aria-hidden": "true" }, label),
        h("span", { class: "control-hint" }, hint),
      ),
      h("div", { class: "control-input" }, control),
    );

  const element = h(
    "section",
    {
      class: "controls-column context-editor",
      "data-testid": "rig-context-editor",
      "aria-labelledby": "rig-context-title",
    },
    h(
      "header",
      { class: "column-header" },
      h("h2", { id: "rig-context-title" }, "Viewer context"),
      h("span", { class: "column-subtitle" }, "onContext, for every frame of the channel"),
    ),
    h(
      "div",
      { class: "controls-grid" },
      field("Theme", "light or dark", theme),
      field("Language", "onContext language", language),
      field("Viewer's language", "?language= and ?locale=: reloads the frames", queryLanguage),
      field("Playback", "playbackMode", playbackMode),
      field("Game", "game being played", game),
      field("Controls", "arePlayerControlsVisible", controls),
      field("Full screen", "isFullScreen", fullScreen),
      field("Theatre", "isTheatreMode", theatre),
      field("Paused", "isPaused", paused),
      field("Muted", "isMuted", muted),
      h(
        "div",
        { class: "control-row control-row-wide" },
        h(
          "div",
          { class: "control-text" },
          h("span", { class: "control-label" }, "Events"),
          h(
            "span",
            { class: "control-hint" },
            "onVisibilityChanged (mobile, component), onHighlightChanged (overlay, component)",
          ),
        ),
        h(
          "div",
          { class: "control-input control-input-wrap" },
          event("Hide", "rig-event-hide", visibility(false)),
          event("Show", "rig-event-show", visibility(true)),
          event("Highlight", "rig-event-highlight", highlight(true)),
          event("Unhighlight", "rig-event-unhighlight", highlight(false)),
        ),
      ),
    ),
    status,
  );

  const render = () => {
    const { context, query } = store.context;
    theme.value = context.theme;
    const ensure = (control: HTMLSelectElement, value: string) => {
      if (![...control.options].some((o) => o.value === value)) control.append(h("option", { value }, value));
      control.value = value;
    };
    ensure(language, context.language);
    ensure(queryLanguage, query.language);
    playbackMode.value = context.playbackMode;
    if (document.activeElement !== game) game.value = context.game;
    fullScreen.checked = context.isFullScreen;
    theatre.checked = context.isTheatreMode;
    controls.checked = context.arePlayerControlsVisible;
    paused.checked = context.isPaused;
    muted.checked = context.isMuted;
  };
  store.subscribe((change) => {
    if (change !== "state") render();
  });
  render();
  return element;
}
