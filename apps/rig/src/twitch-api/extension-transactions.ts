import { TWITCH } from "@ext/shared";
import { diagnoseTransactionsQuery, refuse } from "@ext/shared/server";
import type { Router } from "express";
import type { RigState } from "../state/rig-state.ts";
import { authorizeAppToken } from "./app-token.ts";
import { queryList } from "./body.ts";
import { sendRefusal } from "./refusal.ts";

/** A page cursor: the offset of the next transaction, opaque to callers as Twitch's are. */
function cursorFor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString("base64url");
}

function offsetOf(cursor: string): number | undefined {
  try {
    const offset = (JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { o?: unknown }).o;
    return typeof offset === "number" && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `GET /helix/extensions/transactions`: Get Extension Transactions with an app access token, newest first,
 * `first` per page (default 20) and a `pagination.cursor` while more remain; `id=` (repeated, at most 100)
 * answers those transactions only.
 */
export function mountExtensionTransactions(router: Router, state: RigState): void {
  router.get(TWITCH.extensionTransactionsPath, (req, res) => {
    if (!authorizeAppToken(req, res, state, "Get Extension Transactions")) return;
    const verdict = diagnoseTransactionsQuery({
      extensionId: queryList(req.query.extension_id),
      ids: queryList(req.query.id),
      first: queryList(req.query.first),
      after: queryList(req.query.after),
    });
    if (!verdict.ok) return sendRefusal(res, verdict);
    const { query } = verdict;
    if (query.extensionId !== state.extension.clientId) {
      return sendRefusal(
        res,
        refuse(
          400,
          "extension_id_mismatch",
          'Invalid parameter "extension_id"',
          `extension_id must be the client id the app access token was issued to, "${state.extension.clientId}", got ${JSON.stringify(query.extensionId)}.`,
        ),
      );
    }
    const all = state.bits.transactions();
    if (query.ids.length > 0) {
      res.json({ data: all.filter((t) => query.ids.includes(t.id)), pagination: {} });
      return;
    }
    const offset = query.after === undefined ? 0 : offsetOf(query.after);
    if (offset === undefined) {
      return sendRefusal(
        res,
        refuse(
          400,
          "transactions_query_invalid",
          'Invalid parameter "after"',
          "after must be the pagination.cursor of the previous page, unchanged.",
        ),
      );
    }
    const page = all.slice(offset, offset + query.first);
    const next = offset + page.length;
    res.json({ data: page, pagination: next < all.length ? { cursor: cursorFor(next) } : {} });
  });
}
