import { rigApi } from "./api.ts";
import { h } from "./dom.ts";

/** The shares of chat calls the developer can make fail, as `PATCH /rig/api/faults` takes them. */
const RATES = [
  { value: 0, label: "none" },
  { value: 0.1, label: "10%" },
  { value: 0.3, label: "30%" },
  { value: 1, label: "all" },
];

/**
 * How many chat calls the rig fails on purpose (Helix 500/503, no answer, reset), so a developer can watch
 * the EBS retry. Reads the faults in force when it starts; `report` says why a change did not apply.
 */
export function createFaultControl(report: (what: string, error: unknown) => void): HTMLSelectElement {
  const select = h(
    "select",
    { class: "select", "data-testid": "rig-control-chatFailures", "aria-label": "Chat calls failing" },
    ...RATES.map((rate) => h("option", { value: String(rate.value) }, rate.label)),
  );
  const show = (rate: number) => {
    if (![...select.options].some((o) => Number(o.value) === rate)) {
      select.append(h("option", { value: String(rate) }, `${Math.round(rate * 100)}%`));
    }
    select.value = String(rate);
  };
  select.addEventListener("change", () => {
    rigApi.patchFaults({ chatFailureRate: Number(select.value) }).then(
      (faults) => show(faults.chatFailureRate),
      (error: unknown) => report("Twitch failures", error),
    );
  });
  rigApi.faults().then(
    (faults) => show(faults.chatFailureRate),
    (error: unknown) => report("Twitch failures", error),
  );
  return select;
}
