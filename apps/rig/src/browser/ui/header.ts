import { h } from "./dom.ts";
import type { UiStore } from "./store.ts";

export interface Header {
  element: HTMLElement;
  setLive(live: boolean): void;
}

/** Extension name and version, the channel picker and the event stream's state. */
export function createHeader(
  store: UiStore,
  input: { panelUrl: string; selectChannel(channelId: string): void },
): Header {
  const { panelUrl } = input;
  const name = h("h1", { class: "brand-name" });
  const version = h("span", { class: "brand-version", "data-testid": "rig-extension-version" });
  const clientId = h("span", { class: "brand-client" });
  const picker = h("select", {
    class: "select",
    "data-testid": "rig-channel-picker",
    "aria-label": "Channel",
  });
  picker.addEventListener("change", () => input.selectChannel(picker.value));
  // "connected", not "live": a channel's stream is live or offline (the Live switch); this is the rig's event stream.
  const live = h(
    "span",
    { class: "live-dot", "data-testid": "rig-live", title: "The rig's event stream (SSE)" },
    "connecting",
  );

  const element = h(
    "header",
    { class: "rig-header" },
    h(
      "div",
      { class: "brand" },
      h("span", { class: "brand-mark", "aria-hidden": "true" }, "rig"),
      h("div", { class: "brand-text" }, h("div", { class: "brand-title" }, name, version), clientId),
    ),
    h(
      "div",
      { class: "header-controls" },
      h("label", { class: "header-field" }, h("span", {}, "Channel"), picker),
      h(
        "span",
        { class: "panel-url", title: "Change it with ?panel=<url> on this page" },
        `panel: ${panelUrl}`,
      ),
      live,
    ),
  );

  const render = () => {
    const { extension, channels } = store.state;
    name.textContent = extension.name;
    version.textContent = `v${extension.version}`;
    clientId.textContent = `client id ${extension.clientId}`;
    const options = channels.map((channel) =>
      h("option", { value: channel.broadcasterId }, `${channel.displayName} (${channel.broadcasterId})`),
    );
    picker.replaceChildren(...options);
    picker.value = store.channelId;
  };
  store.subscribe((change) => {
    if (change !== "context") render();
  });
  render();

  return {
    element,
    setLive(isLive) {
      live.textContent = isLive ? "connected" : "reconnecting";
      live.classList.toggle("is-live", isLive);
    },
  };
}
