import { type ExtensionTransaction, getExtensionTransactions } from "@ext/shared/server";
import type { Logger } from "pino";
import { safeCause } from "../app-error.ts";
import type { HelixClient } from "../twitch/helix-client.ts";

/** What Twitch says of one transaction id. */
export type TransactionConfirmation =
  | { kind: "confirmed"; transaction: ExtensionTransaction }
  /** Twitch answered without it: not recorded yet (or never: a loopback purchase spends and records nothing). */
  | { kind: "unknown" }
  /** Twitch could not be asked (an outage, a refusal, a timeout): the log says why. */
  | { kind: "unavailable" };

/**
 * Asks Twitch for one transaction by id: Get Extension Transactions with `id=` and the app token, the call
 * reconciliation pages through. Never throws: a purchase nobody can confirm now is confirmed later by
 * EventSub or reconciliation, so a failure is an answer, not an error.
 */
export async function confirmTransaction(
  input: { helix: HelixClient; clientId: string; logger: Logger },
  transactionId: string,
): Promise<TransactionConfirmation> {
  try {
    const { data } = await input.helix.call(
      getExtensionTransactions({ clientId: input.clientId, ids: [transactionId] }),
    );
    const transaction = data.data.find((tx) => tx.id === transactionId);
    return transaction ? { kind: "confirmed", transaction } : { kind: "unknown" };
  } catch (error) {
    input.logger.warn(
      { event: "bits_confirm_failed", transactionId, error: safeCause(error).message },
      "could not ask Get Extension Transactions for a receipt's transaction; EventSub or reconciliation brings it",
    );
    return { kind: "unavailable" };
  }
}
