import type { LogEntry } from "../protocol.ts";
import { h, timeOf } from "./dom.ts";

export interface RequestLog {
  element: HTMLElement;
  receive(entry: LogEntry): void;
  replace(entries: LogEntry[]): void;
}

const MAX_SHOWN = 300;

/** What each injected fault did to the call (PATCH /rig/api/faults), for the log's reader. */
const FAULT_WORDS: Record<string, string> = {
  "500": "Failed on purpose with Helix 500 (rig faults).",
  "503": "Failed on purpose with Helix 503 (rig faults).",
  timeout: "Left unanswered on purpose (rig faults): the caller's timeout decides what happens.",
  reset: "Connection reset on purpose (rig faults).",
};

/** What a PubSub or Get Streams call carried or answered, in a few words; undefined for other calls. */
export function callDetail(entry: LogEntry): string | undefined {
  if (entry.pubsub) {
    const targets = entry.pubsub.targets.length > 0 ? entry.pubsub.targets.join(", ") : "no target";
    const size = entry.pubsub.bytes === undefined ? "" : ` · ${entry.pubsub.bytes} bytes`;
    return `PubSub to ${targets}${size}`;
  }
  if (entry.streams) {
    const asked = entry.streams.asked === 0 ? "every channel" : `${entry.streams.asked} channel(s)`;
    const live = entry.streams.live.length === 0 ? "none live" : `live: ${entry.streams.live.join(", ")}`;
    return `Get Streams for ${asked} · ${live}`;
  }
  return undefined;
}

/** Every mock API call, newest first; refusals are highlighted with their diagnosis code and sentence. */
export function createRequestLog(): RequestLog {
  const list = h("ol", { class: "log-list" });
  const count = h("span", { class: "column-subtitle" });
  const refusalsOnly = h("input", {
    type: "checkbox",
    class: "switch",
    "data-testid": "rig-log-refusals-only",
  });
  const empty = h("p", { class: "empty-note" }, "No call to the mock Twitch API yet.");
  const element = h(
    "section",
    { class: "log-column", "data-testid": "rig-log" },
    h(
      "header",
      { class: "column-header" },
      h("h2", {}, "Request log"),
      count,
      h("label", { class: "inline-toggle" }, refusalsOnly, "refusals only"),
    ),
    // Focusable, so a keyboard can scroll a log longer than its column (axe: scrollable-region-focusable).
    h(
      "div",
      { class: "log-scroll", tabindex: 0, role: "region", "aria-label": "Request log entries" },
      empty,
      list,
    ),
  );
  const seen = new Set<string>();
  let total = 0;
  let refused = 0;

  const renderCount = () => {
    count.textContent = total === 0 ? "" : `${total} calls · ${refused} refused`;
    empty.hidden = total > 0;
  };

  const row = (entry: LogEntry) => {
    const isRefusal = entry.status >= 400;
    const detail = callDetail(entry);
    return h(
      "li",
      {
        class: `log-entry${isRefusal ? " is-refused" : " is-ok"}`,
        "data-testid": "rig-log-entry",
        "data-status": entry.status,
        "data-code": entry.code ?? "",
        "data-fault": entry.fault ?? "",
      },
      h(
        "div",
        { class: "log-line" },
        h("span", { class: "log-time" }, timeOf(entry.at)),
        h("span", { class: "log-method" }, entry.method),
        h("span", { class: "log-path", title: entry.path }, entry.path),
        h(
          "span",
          { class: `log-status status-${Math.floor(entry.status / 100)}xx` },
          entry.status === 0 ? "—" : String(entry.status),
        ),
      ),
      detail ? h("div", { class: "log-detail", "data-testid": "rig-log-detail" }, detail) : null,
      entry.code || entry.diagnosis || entry.fault
        ? h(
            "div",
            { class: "log-diagnosis" },
            entry.code ? h("code", { class: "log-code" }, entry.code) : null,
            entry.fault ? h("code", { class: "log-code" }, `fault ${entry.fault}`) : null,
            entry.diagnosis ? h("span", {}, entry.diagnosis) : null,
            entry.fault ? h("span", {}, FAULT_WORDS[entry.fault] ?? "Failed on purpose (rig faults).") : null,
          )
        : null,
    );
  };

  const receive = (entry: LogEntry) => {
    if (seen.has(entry.id)) return;
    seen.add(entry.id);
    total += 1;
    if (entry.status >= 400) refused += 1;
    list.prepend(row(entry));
    while (list.children.length > MAX_SHOWN) list.lastElementChild?.remove();
    renderCount();
  };

  refusalsOnly.addEventListener("change", () => {
    list.classList.toggle("refusals-only", refusalsOnly.checked);
  });
  renderCount();

  return {
    element,
    receive,
    replace(entries) {
      list.replaceChildren();
      seen.clear();
      total = 0;
      refused = 0;
      for (const entry of entries) receive(entry);
      renderCount();
    },
  };
}
