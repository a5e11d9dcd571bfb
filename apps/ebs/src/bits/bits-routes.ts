import {
  BITS_CATALOGUE,
  type BitsTransactionAccepted,
  bitsTransactionRequestSchema,
  type Clock,
  EBS_PATHS,
} from "@ext/shared";
import { type VerifiedBitsPurchase, verifyBitsReceipt } from "@ext/shared/server";
import type { Logger } from "pino";
import { fromStore } from "../actions/action-routes.ts";
import { AppError } from "../app-error.ts";
import type { Config } from "../config.ts";
import type { Authenticator } from "../http/authenticate.ts";
import { jsonBody } from "../http/json-body.ts";
import type { Routes } from "../http/routes.ts";
import type { BitsLedger } from "../store/bits-ledger.ts";
import type { HelixClient } from "../twitch/helix-client.ts";
import type { BitsAnnouncement, BitsAnnouncer } from "./bits-announcer.ts";
import { recordedWithoutChat } from "./chat-off.ts";
import { receiptRefusalStatus } from "./receipt-refusal.ts";
import { confirmTransaction } from "./transaction-confirmation.ts";
import { reportOfTransaction } from "./transaction-report.ts";

/** Largest body: a receipt is well under 1 KB; the schema allows 8192 characters. */
const BODY_LIMIT = "16kb";

/**
 * The body's receipt, as sent: a receipt that is missing, not a string or too long goes to the verifier,
 * whose code names that cause (`receipt_missing`, `receipt_too_large`); a body that is not the contract's
 * object at all is `body_invalid`.
 */
function receiptOf(body: unknown): unknown {
  const parsed = bitsTransactionRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data.transactionReceipt;
  const onlyReceipt =
    body !== null &&
    typeof body === "object" &&
    !Array.isArray(body) &&
    Object.keys(body).every((key) => key === "transactionReceipt");
  if (onlyReceipt) return (body as { transactionReceipt?: unknown }).transactionReceipt;
  throw new AppError({
    code: "body_invalid",
    status: 400,
    message:
      'The body must be {"transactionReceipt":"<the receipt onTransactionComplete gave>"} as JSON, and nothing else.',
  });
}

/** A genuine receipt replayed with a token of another channel than the one it was bought in. */
function channelMismatch(transactionId: string): AppError {
  return new AppError({
    code: "receipt_channel_mismatch",
    status: 403,
    message: `Twitch records transaction ${transactionId} in another channel than this viewer token's: a receipt is reported from the channel it was bought in.`,
  });
}

/** The answer to the panel: the announcement's action exactly when chat posts one. */
function answerOf(announcement: BitsAnnouncement): BitsTransactionAccepted {
  const { status, entry } = announcement;
  const posted = status === "queued" || (status === "known" && !recordedWithoutChat(entry));
  return {
    status,
    transactionId: entry.transactionId,
    ...(posted ? { actionId: entry.actionId } : {}),
    channelId: entry.channelId,
  };
}

/**
 * `POST /api/bits/transactions`: the panel reports `onTransactionComplete`'s receipt with the viewer's token.
 * The receipt is verified (shared's `verifyBitsReceipt`: the extension secrets, this client id, the
 * catalogue, the token's user), then claimed in the ledger: 202 `queued` for the first report of the
 * transaction by any path, 202 `known` with the same action for every later one, 202 `recorded_chat_off`
 * when the broadcaster turned chat messages off.
 *
 * A viewer who has not shared identity (no `user_id`) cannot be matched with the receipt's buyer, and a
 * receipt names no channel (a broadcast product's reaches every viewer's frame), so Twitch is asked first
 * (Get Extension Transactions by id, unless the ledger holds it already with its channel): its transaction is
 * announced with Twitch's channel and buyer, refused
 * 403 `receipt_channel_mismatch` when that channel is not the token's, and answered 202
 * `pending_confirmation` while Twitch does not know it or cannot be asked (EventSub and reconciliation
 * announce it when Twitch does).
 */
export function addBitsRoutes(
  router: Routes,
  deps: {
    auth: Authenticator;
    config: Pick<Config, "secrets" | "clientId">;
    clock: Clock;
    announcer: BitsAnnouncer;
    helix: HelixClient;
    logger: Logger;
    /** Where a transaction already reported is found without asking Twitch again. */
    ledger: Pick<BitsLedger, "get">;
    onSignatureInvalid?: () => void;
  },
): void {
  const { auth, config, clock, announcer } = deps;

  async function confirmWithTwitch(
    purchase: VerifiedBitsPurchase,
    channelId: string,
    viewerOpaqueId: string,
  ): Promise<BitsTransactionAccepted> {
    const { transactionId } = purchase;
    // Reported before (by Twitch's own paths, or a report Twitch confirmed): its channel is known already.
    const held = await fromStore(deps.ledger.get(transactionId));
    if (held) {
      if (held.channelId !== channelId) throw channelMismatch(transactionId);
      return answerOf({ status: "known", entry: held });
    }
    const confirmation = await confirmTransaction(
      { helix: deps.helix, clientId: config.clientId, logger: deps.logger },
      transactionId,
    );
    if (confirmation.kind !== "confirmed") {
      deps.logger.info(
        { event: "bits_receipt_pending", transactionId, twitch: confirmation.kind },
        "receipt of a viewer without user_id: announced when Twitch confirms the transaction",
      );
      return { status: "pending_confirmation", transactionId, channelId };
    }
    const { transaction } = confirmation;
    if (transaction.broadcaster_id !== channelId) throw channelMismatch(transactionId);
    const report = { ...reportOfTransaction(transaction, "receipt"), viewerOpaqueId };
    return answerOf(await fromStore(announcer.announce(report)));
  }

  router.post(
    EBS_PATHS.bitsTransaction,
    auth.route({ body: jsonBody(BODY_LIMIT) }, async (req, res, claims) => {
      const receipt = receiptOf(req.body);
      const verified = verifyBitsReceipt(receipt, {
        ring: config.secrets,
        clock,
        clientId: config.clientId,
        catalogue: BITS_CATALOGUE,
        viewerUserId: claims.user_id,
      });
      if (!verified.ok) {
        if (verified.error.code === "receipt_signature_invalid") deps.onSignatureInvalid?.();
        throw new AppError({
          code: verified.error.code,
          status: receiptRefusalStatus(verified.error.code),
          message: verified.error.message,
        });
      }
      const { purchase } = verified;
      if (!verified.buyerIsViewer) {
        res.status(202).json(await confirmWithTwitch(purchase, claims.channel_id, claims.opaque_user_id));
        return;
      }
      const announcement = await fromStore(
        announcer.announce({
          transactionId: purchase.transactionId,
          channelId: claims.channel_id,
          userId: purchase.userId,
          sku: purchase.product.sku,
          product: { displayName: purchase.product.displayName, bits: purchase.product.cost },
          source: "receipt",
          viewerOpaqueId: claims.opaque_user_id,
        }),
      );
      res.status(202).json(answerOf(announcement));
    }),
  );
}
