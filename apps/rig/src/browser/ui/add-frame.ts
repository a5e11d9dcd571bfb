import { type ViewerKind, viewerKinds } from "../protocol.ts";
import { h } from "./dom.ts";
import { type FrameMode, viewerLabels } from "./frame-url.ts";
import type { FrameSpec } from "./frames.ts";
import type { UiStore } from "./store.ts";

/** The toolbar over the frames: add a panel frame as any viewer kind, rig user and mode. */
export function createAddFrameBar(store: UiStore, onAdd: (spec: FrameSpec) => void): HTMLElement {
  const kind = h(
    "select",
    { class: "select", "data-testid": "rig-add-viewer", "aria-label": "Viewer kind" },
    ...viewerKinds.map((k) => h("option", { value: k }, viewerLabels[k])),
  );
  kind.value = "identified";
  const user = h("select", { class: "select", "data-testid": "rig-add-user", "aria-label": "Rig user" });
  const mode = h(
    "select",
    { class: "select", "data-testid": "rig-add-mode", "aria-label": "Mode" },
    ...(["viewer", "config", "dashboard"] as const).map((m) => h("option", { value: m }, `mode=${m}`)),
  );
  const takesUser = (k: string) => k === "identified" || k === "anonymous" || k === "moderator";

  const renderUsers = () => {
    const selected = user.value;
    user.replaceChildren(
      h("option", { value: "" }, "any user"),
      ...store.state.users.map((u) => h("option", { value: u.id }, `${u.displayName} (${u.id})`)),
    );
    user.value = store.state.users.some((u) => u.id === selected) ? selected : "";
    user.disabled = !takesUser(kind.value);
  };
  kind.addEventListener("change", renderUsers);
  store.subscribe((change) => {
    if (change === "state") renderUsers();
  });
  renderUsers();

  const add = h(
    "button",
    {
      type: "button",
      class: "button button-primary",
      "data-testid": "rig-add-frame",
      onclick: () => {
        const spec: FrameSpec = { kind: kind.value as ViewerKind, mode: mode.value as FrameMode };
        if (user.value && takesUser(kind.value)) spec.userId = user.value;
        onAdd(spec);
      },
    },
    "Add viewer",
  );

  return h(
    "div",
    { class: "frames-toolbar" },
    h("h2", {}, "Viewers"),
    h("span", { class: "toolbar-hint" }, "each frame is the panel as one viewer, 318 px wide like on Twitch"),
    h("div", { class: "toolbar-form" }, kind, user, mode, add),
  );
}
