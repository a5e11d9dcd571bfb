import { type BitsOverview, rigApi } from "./api.ts";
import { h, timeOf } from "./dom.ts";
import type { UiStore } from "./store.ts";

/**
 * The rig's Bits in Extensions: whether the selected channel can take Bits (`features.isBitsEnabled`), each
 * user's balance (editable), the transactions made (what Get Extension Transactions answers) and the EventSub
 * subscriptions with their status (each can be revoked). Deliveries are in the request log.
 */
export function createBitsPanel(store: UiStore): { element: HTMLElement; reload(): Promise<void> } {
  const status = h("p", { class: "controls-status", role: "status" });
  const eligible = h("input", {
    type: "checkbox",
    role: "switch",
    class: "switch",
    "data-testid": "rig-bits-eligible",
    "aria-label": "The channel can take Bits",
  });
  const balances = h("ul", { class: "bits-list", "data-testid": "rig-bits-balances" });
  const transactions = h("ul", { class: "bits-list", "data-testid": "rig-bits-transactions" });
  const subscriptions = h("ul", { class: "bits-list", "data-testid": "rig-eventsub-subscriptions" });

  const report = (what: string, error: unknown) => {
    status.textContent = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    status.classList.add("is-error");
  };
  eligible.addEventListener("change", () => {
    rigApi
      .patchChannel(store.channelId, { bitsEligible: eligible.checked })
      .then((updated) => {
        const channels = store.state.channels.map((c) =>
          c.broadcasterId === updated.broadcasterId ? updated : c,
        );
        store.setState({ ...store.state, channels });
      })
      .catch((error: unknown) => report("Bits eligibility", error));
  });

  const render = (overview: BitsOverview) => {
    eligible.checked = Boolean(store.channel()?.bitsEligible);
    balances.replaceChildren(
      ...overview.balances.map((b) => {
        const input = h("input", {
          type: "number",
          min: 0,
          step: 1,
          class: "text-input bits-balance-input",
          value: b.balance,
          "aria-label": `${b.displayName}'s Bits`,
          "data-testid": `rig-bits-balance-${b.userId}`,
        });
        input.addEventListener("change", () => {
          rigApi
            .setBalance(b.userId, Number(input.value))
            .catch((error: unknown) => report("Balance", error));
        });
        return h("li", {}, h("span", {}, b.displayName), input);
      }),
    );
    transactions.replaceChildren(
      ...(overview.transactions.length === 0
        ? [h("li", { class: "bits-empty" }, "No purchase yet.")]
        : overview.transactions.map((t) =>
            h(
              "li",
              { "data-testid": "rig-bits-transaction" },
              `${timeOf(t.timestamp)} ${t.user_name} · ${t.product_data.displayName} · ${t.product_data.cost.amount} Bits · ${t.broadcaster_name}`,
            ),
          )),
    );
    subscriptions.replaceChildren(
      ...(overview.subscriptions.length === 0
        ? [h("li", { class: "bits-empty" }, "No EventSub subscription.")]
        : overview.subscriptions.map((s) =>
            h(
              "li",
              { "data-testid": "rig-eventsub-subscription", "data-status": s.status },
              h(
                "span",
                {},
                `${s.transport.callback} · ${s.status}`,
                s.warning
                  ? h("small", { class: "bits-note", "data-testid": "rig-eventsub-warning" }, ` ${s.warning}`)
                  : null,
              ),
              s.status === "enabled" || s.status === "webhook_callback_verification_pending"
                ? h(
                    "button",
                    {
                      type: "button",
                      class: "button",
                      "data-testid": `rig-eventsub-revoke-${s.id}`,
                      onclick: () => {
                        rigApi
                          .revokeSubscription(s.id)
                          .then(reload, (error: unknown) => report("Revoke", error));
                      },
                    },
                    "Revoke",
                  )
                : null,
            ),
          )),
    );
  };

  const reload = async () => {
    try {
      render(await rigApi.bits());
    } catch (error) {
      report("Bits", error);
    }
  };
  store.subscribe((change) => {
    if (change === "state" || change === "channel") void reload();
  });

  const element = h(
    "section",
    { class: "bits-panel", "data-testid": "rig-bits", "aria-labelledby": "rig-bits-title" },
    h("header", { class: "column-header" }, h("h2", { id: "rig-bits-title" }, "Bits")),
    h(
      "div",
      { class: "bits-grid" },
      h(
        "div",
        {},
        h(
          "label",
          { class: "bits-eligible" },
          eligible,
          h("span", {}, "The channel can take Bits (isBitsEnabled)"),
        ),
        h("h3", {}, "Balances"),
        balances,
      ),
      h("div", {}, h("h3", {}, "Transactions"), transactions),
      h(
        "div",
        {},
        h("h3", {}, "EventSub subscriptions"),
        h(
          "p",
          { class: "bits-note" },
          "Twitch posts only to https on port 443. The rig posts to localhost, 127.0.0.1 and [::1] (http too, any port) and to hosts listed in RIG_EVENTSUB_HOSTS; at most 3 live subscriptions, as on Twitch.",
        ),
        subscriptions,
      ),
    ),
    status,
  );
  void reload();
  return { element, reload };
}
