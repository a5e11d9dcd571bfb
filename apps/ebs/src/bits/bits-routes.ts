import {
  BITS_CATALOGUE,
  type BitsTransactionAccepted,
  bitsTransactionRequestSchema,
  type Clock,
  EBS_PATHS,
} from "@ext/shared";
import { verifyBitsReceipt } from "@ext/shared/server";
import { fromStore } from "../actions/action-routes.ts";
import { AppError } from "../app-error.ts";
import type { Config } from "../config.ts";
import type { Authenticator } from "../http/authenticate.ts";
import { jsonBody } from "../http/json-body.ts";
import type { Routes } from "../http/routes.ts";
import type { BitsAnnouncer } from "./bits-announcer.ts";
import { receiptRefusalStatus } from "./receipt-refusal.ts";

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

/**
 * `POST /api/bits/transactions`: the panel reports `onTransactionComplete`'s receipt with the viewer's token.
 * The receipt is verified (shared's `verifyBitsReceipt`: the extension secrets, this client id, the
 * catalogue, the token's user), then claimed in the ledger: 202 `queued` for the first report of the
 * transaction by any path, 202 `known` with the same action for every later one.
 */
export function addBitsRoutes(
  router: Routes,
  deps: {
    auth: Authenticator;
    config: Pick<Config, "secrets" | "clientId">;
    clock: Clock;
    announcer: BitsAnnouncer;
    onSignatureInvalid?: () => void;
  },
): void {
  const { auth, config, clock, announcer } = deps;
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
      const { status, entry } = await fromStore(
        announcer.announce({
          transactionId: purchase.transactionId,
          channelId: claims.channel_id,
          userId: purchase.userId,
          sku: purchase.product.sku,
          product: { displayName: purchase.product.displayName, bits: purchase.product.cost },
          source: "receipt",
        }),
      );
      const answer: BitsTransactionAccepted = {
        status,
        transactionId: entry.transactionId,
        actionId: entry.actionId,
        channelId: entry.channelId,
      };
      res.status(202).json(answer);
    }),
  );
}
