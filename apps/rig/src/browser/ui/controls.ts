import type { ChannelView } from "../protocol.ts";
import { rigApi } from "./api.ts";
import { h, timeOf } from "./dom.ts";
import { createFaultControl } from "./fault-control.ts";
import type { UiStore } from "./store.ts";

const VERSION_STATES: ChannelView["versionState"][] = ["testing", "hosted_test", "released"];

/**
 * The selected channel's extension state, bound to `PATCH /rig/api/channels/:id` and `/rig/api/extension`.
 * Each control shows the rig's state as the SSE `state` event reports it, so a change shows at once.
 */
export function createControls(store: UiStore): HTMLElement {
  const status = h("p", { class: "controls-status", role: "status" });

  const run = async (what: string, action: () => Promise<unknown>) => {
    status.textContent = "";
    status.classList.remove("is-error");
    try {
      await action();
    } catch (error) {
      status.textContent = `${what}: ${error instanceof Error ? error.message : String(error)}`;
      status.classList.add("is-error");
      render();
    }
  };
  const changeChannel = (change: (channelId: string) => Promise<ChannelView>) =>
    run("Channel", async () => {
      const updated = await change(store.channelId);
      const channels = store.state.channels.map((c) =>
        c.broadcasterId === updated.broadcasterId ? updated : c,
      );
      store.setState({ ...store.state, channels });
    });

  const patchChannel = (patch: Parameters<typeof rigApi.patchChannel>[1]) =>
    changeChannel((channelId) => rigApi.patchChannel(channelId, patch));

  const toggle = (name: string, onChange: (checked: boolean) => void) => {
    const input = h("input", {
      type: "checkbox",
      role: "switch",
      class: "switch",
      "data-testid": `rig-control-${name}`,
    });
    input.addEventListener("change", () => onChange(input.checked));
    return input;
  };

  const chatCapability = toggle("chatCapability", (on) =>
    run("Extension", async () => {
      await rigApi.patchExtension({ chatCapability: on });
      store.setState({ ...store.state, extension: { ...store.state.extension, chatCapability: on } });
    }),
  );
  const installed = toggle("installed", (on) =>
    patchChannel({
      installedVersion: on ? versionInput.value.trim() || store.state.extension.version : null,
    }),
  );
  const versionInput = h("input", {
    type: "text",
    class: "text-input",
    "data-testid": "rig-control-installedVersion",
    "aria-label": "Installed version",
    placeholder: "0.0.1",
    spellcheck: "false",
    size: 8,
  });
  const setVersion = () => patchChannel({ installedVersion: versionInput.value.trim() });
  versionInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") void setVersion();
  });
  const versionButton = h(
    "button",
    {
      type: "button",
      class: "button",
      "data-testid": "rig-control-setVersion",
      onclick: () => void setVersion(),
    },
    "Install",
  );
  const activated = toggle("activated", (on) => patchChannel({ activated: on }));
  const live = toggle("live", (on) => changeChannel((channelId) => rigApi.setLive(channelId, on)));
  const liveSince = h("span", { class: "control-hint", "data-testid": "rig-control-liveSince" });
  const versionState = h(
    "select",
    { class: "select", "data-testid": "rig-control-versionState", "aria-label": "Version state" },
    ...VERSION_STATES.map((state) => h("option", { value: state }, state)),
  );
  versionState.addEventListener("change", () =>
    patchChannel({ versionState: versionState.value as ChannelView["versionState"] }),
  );
  const chatGranted = toggle("chatGranted", (on) => patchChannel({ chatGranted: on }));
  const requiredConfigurationMet = toggle("requiredConfigurationMet", (on) =>
    patchChannel({ requiredConfigurationMet: on }),
  );
  const chatFailures = createFaultControl((what, error) => {
    status.textContent = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    status.classList.add("is-error");
  });
  const rotate = h(
    "button",
    {
      type: "button",
      class: "button button-danger",
      "data-testid": "rig-control-rotateSecret",
      onclick: () =>
        void run("Rotate secret", async () => {
          await rigApi.rotateSecret();
          status.textContent = "New extension secret active; the old one stays valid for 5 minutes.";
        }),
    },
    "Rotate secret",
  );

  const row = (label: string, hint: string | HTMLElement, ...control: HTMLElement[]) => {
    for (const input of control) {
      const named = input.hasAttribute("aria-label") || input.hasAttribute("aria-labelledby");
      if (!named && (input instanceof HTMLInputElement || input instanceof HTMLSelectElement)) {
        input.setAttribute("aria-label", label);
      }
    }
    return h(
      "div",
      { class: "control-row" },
      h(
        "div",
        { class: "control-text" },
        h("span", { class: "control-label" }, label),
        typeof hint === "string" ? h("span", { class: "control-hint" }, hint) : hint,
      ),
      h("div", { class: "control-input" }, ...control),
    );
  };

  const wide = (element: HTMLElement) => {
    element.classList.add("control-row-wide");
    return element;
  };

  const element = h(
    "section",
    { class: "controls-column", "data-testid": "rig-controls", "aria-labelledby": "rig-controls-title" },
    h("header", { class: "column-header" }, h("h2", { id: "rig-controls-title" }, "Channel & extension")),
    h(
      "div",
      { class: "controls-grid" },
      row("Live", liveSince, live),
      row("Installed", "on the channel", installed),
      row("Version", "installed version", versionInput, versionButton),
      row("Activated", "viewers see it", activated),
      row("Version state", "review state", versionState),
      row("Chat capability", "Capabilities tab", chatCapability),
      row("Chat granted", "broadcaster's permission", chatGranted),
      row("Required config", "met on the channel", requiredConfigurationMet),
      row("Extension secret", "Secrets API rotation", rotate),
      wide(
        row(
          "Chat failures",
          "the rig fails this share of chat calls (500, 503, no answer, reset)",
          chatFailures,
        ),
      ),
    ),
    status,
  );

  function render() {
    const channel = store.channel();
    chatCapability.checked = store.state.extension.chatCapability;
    installed.checked = Boolean(channel?.installedVersion);
    if (document.activeElement !== versionInput) versionInput.value = channel?.installedVersion ?? "";
    activated.checked = Boolean(channel?.activated);
    live.checked = Boolean(channel?.stream);
    liveSince.textContent = channel?.stream
      ? `since ${timeOf(channel.stream.startedAt)} (Get Streams)`
      : "offline (Get Streams: no data)";
    if (channel?.stream)
      liveSince.title = `stream ${channel.stream.id}, started_at ${channel.stream.startedAt}`;
    else liveSince.removeAttribute("title");
    versionState.value = channel?.versionState ?? "testing";
    chatGranted.checked = Boolean(channel?.chatGranted);
    requiredConfigurationMet.checked = Boolean(channel?.requiredConfigurationMet);
  }

  store.subscribe((change) => {
    if (change !== "context") render();
  });
  render();
  return element;
}
