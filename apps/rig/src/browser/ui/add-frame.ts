import { type ViewerKind, type ViewName, viewerKinds } from "../protocol.ts";
import { viewerLabels, viewLabels } from "../views.ts";
import { h } from "./dom.ts";
import type { FrameSpec } from "./frames.ts";
import type { UiStore } from "./store.ts";

/** The views a viewer can have more than one of in the rig: panels, popouts, phones. */
const ADDABLE: ViewName[] = ["panel", "popout", "mobile"];

/** The toolbar over the viewers' frames: add a panel, popout or phone as any viewer kind and rig user. */
export function createAddFrameBar(store: UiStore, onAdd: (spec: FrameSpec) => void): HTMLElement {
  const kind = h(
    "select",
    { class: "select", "data-testid": "rig-add-viewer", "aria-label": "Viewer kind" },
    ...viewerKinds.map((k) => h("option", { value: k }, viewerLabels[k])),
  );
  kind.value = "identified";
  const user = h("select", { class: "select", "data-testid": "rig-add-user", "aria-label": "Rig user" });
  const view = h(
    "select",
    { class: "select", "data-testid": "rig-add-view", "aria-label": "View" },
    ...ADDABLE.map((v) => h("option", { value: v }, viewLabels[v])),
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
        const spec: FrameSpec = { kind: kind.value as ViewerKind, view: view.value as ViewName };
        if (user.value && takesUser(kind.value)) spec.userId = user.value;
        onAdd(spec);
      },
    },
    "Add frame",
  );

  return h(
    "div",
    { class: "frames-toolbar" },
    h("h2", { id: "rig-viewers-title" }, "Viewers"),
    h(
      "span",
      { class: "toolbar-hint" },
      "each frame is one viewer: panels 318 px wide at the declared height, popouts, phones",
    ),
    h("div", { class: "toolbar-form" }, kind, user, view, add),
  );
}
