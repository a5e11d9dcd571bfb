import { bitsTransactionAcceptedSchema, EBS_PATHS } from "@ext/shared";
import type { EbsClient } from "../api/ebs-client.ts";
import { EbsError } from "../api/ebs-error.ts";
import { followAction } from "../hooks/use-send-action.ts";
import type { TwitchStore } from "../twitch/twitch-store.ts";

/** Where the viewer's last Bits purchase stands, as the panel shows it. */
export type PurchaseState =
  | { status: "idle" }
  /** `useBits` was called: Twitch's confirmation is open. */
  | { status: "confirming" }
  /** Twitch completed it: the receipt is on its way to the EBS. */
  | { status: "reporting" }
  /** The EBS verified the receipt and queued the announcement. */
  | { status: "queued" }
  /** Recorded, not announced: the broadcaster turned the extension's chat messages off. */
  | { status: "chat_off" }
  /** The viewer has not shared identity: the EBS announces it once Twitch confirms the transaction. */
  | { status: "pending" }
  | { status: "sent"; text: string }
  /** Cancelled in Twitch's confirmation (or too few Bits, or the channel cannot take Bits): nothing spent. */
  | { status: "cancelled" }
  /** The EBS could not be reached after every retry: Twitch's records (EventSub, transactions) still reach it. */
  | { status: "unreported" }
  /** The EBS refused the receipt, or the announcement failed. */
  | { status: "failed"; error: EbsError };

/** Someone else's broadcast product, seen in this viewer's panel ("Ana cheered 500 Bits"). */
export interface CheerNote {
  displayName: string;
  bits: number;
  product: string;
}

export interface BitsSnapshot {
  purchase: PurchaseState;
  note: CheerNote | undefined;
}

export interface BitsStore {
  getSnapshot(): BitsSnapshot;
  subscribe(listener: () => void): () => void;
  /** Opens Twitch's confirmation for `sku`. */
  buy(sku: string): void;
}

/** Waits between reports of one receipt when the EBS cannot be reached (the EBS is idempotent per transaction). */
export const REPORT_RETRY_DELAYS_MS = [500, 1_500, 4_000] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Worth sending the same receipt again: the EBS did not answer, or said Twitch or itself was briefly down. */
function retryable(error: EbsError): boolean {
  return (
    error.code === "network" ||
    error.code === "twitch_unavailable" ||
    error.code === "shutting_down" ||
    (error.status !== undefined && error.status >= 500)
  );
}

function asEbsError(error: unknown): EbsError {
  if (error instanceof EbsError) return error;
  return new EbsError({
    code: "unexpected_response",
    message: "Reporting failed unexpectedly.",
    cause: error,
  });
}

/**
 * Registers the panel's Bits callbacks with the helper once (it cannot unregister them) and keeps what the
 * viewer's purchase became. A completed purchase of the current viewer sends its `transactionReceipt` to the
 * EBS (retried with backoff, and once with Twitch's next token if it expired), then follows the announcement
 * to chat like a click; a broadcast product someone else bought becomes a short note. With `loopback`
 * (development builds) in-development products complete without spending Bits.
 */
export function createBitsStore(input: {
  twitch: TwitchStore;
  ebs: EbsClient;
  loopback: boolean;
  tokenRefreshTimeoutMs: number;
  retryDelaysMs?: readonly number[];
}): BitsStore {
  const { twitch, ebs } = input;
  const bits = twitch.ext.bits;
  const delays = input.retryDelaysMs ?? REPORT_RETRY_DELAYS_MS;
  let snapshot: BitsSnapshot = { purchase: { status: "idle" }, note: undefined };
  const listeners = new Set<() => void>();
  const update = (patch: Partial<BitsSnapshot>) => {
    snapshot = { ...snapshot, ...patch };
    for (const listener of listeners) listener();
  };
  const setPurchase = (purchase: PurchaseState) => update({ purchase });

  async function report(receipt: string): Promise<void> {
    setPurchase({ status: "reporting" });
    let token = twitch.getSnapshot().auth?.token;
    let refreshed = false;
    for (let attempt = 0; token !== undefined && attempt <= delays.length; attempt++) {
      const answer = await ebs
        .send(
          EBS_PATHS.bitsTransaction,
          token,
          { transactionReceipt: receipt },
          bitsTransactionAcceptedSchema,
        )
        .catch(asEbsError);
      if (!(answer instanceof EbsError)) {
        if (answer.status === "pending_confirmation") {
          setPurchase({ status: "pending" });
          return;
        }
        // No action: chat posts nothing for it (recorded while the broadcaster had chat messages off).
        const { actionId } = answer;
        if (actionId === undefined) {
          setPurchase({ status: "chat_off" });
          return;
        }
        setPurchase({ status: "queued" });
        const stale = token;
        const outcome = await followAction({
          ebs,
          actionId,
          token: () => twitch.getSnapshot().auth?.token ?? stale,
          alive: () => true,
        });
        if (outcome instanceof EbsError) setPurchase({ status: "failed", error: outcome });
        else if (outcome) setPurchase({ status: "sent", text: outcome.text });
        return;
      }
      if (answer.code === "token_expired" && !refreshed) {
        refreshed = true;
        token = (await twitch.nextAuth({ staleToken: token, timeoutMs: input.tokenRefreshTimeoutMs }))?.token;
        attempt--;
        continue;
      }
      if (!retryable(answer)) {
        setPurchase({ status: "failed", error: answer });
        return;
      }
      const delay = delays[attempt];
      if (delay !== undefined) await sleep(delay);
    }
    setPurchase({ status: "unreported" });
  }

  if (input.loopback) bits.setUseLoopback(true);
  bits.onTransactionComplete((transaction) => {
    if (transaction.initiator === "current_user") {
      void report(transaction.transactionReceipt);
      return;
    }
    update({
      note: {
        displayName: transaction.displayName,
        bits: Number(transaction.product.cost.amount),
        product: transaction.product.displayName,
      },
    });
  });
  bits.onTransactionCancelled(() => setPurchase({ status: "cancelled" }));

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    buy(sku) {
      setPurchase({ status: "confirming" });
      // biome-ignore lint/correctness/useHookAtTopLevel: Twitch's helper method, not a React hook.
      bits.useBits(sku);
    },
  };
}

const stores = new WeakMap<TwitchStore, BitsStore>();

/** The one Bits store of a page's helper (created on first use, so callbacks are registered once). */
export function bitsStoreFor(input: Parameters<typeof createBitsStore>[0]): BitsStore {
  let store = stores.get(input.twitch);
  if (!store) {
    store = createBitsStore(input);
    stores.set(input.twitch, store);
  }
  return store;
}
