import { BITS_DISPLAY_NAME_MAX, type HelixBitsProduct, skuProblem } from "../bits/products.ts";
import type { Refusal } from "./codes.ts";
import { refuse } from "./external-jwt.ts";
import { isRefusal, jsonBodyFields } from "./json-body.ts";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(field: string, diagnosis: string): Refusal {
  return refuse(400, "bits_product_field_invalid", `Invalid parameter "${field}"`, diagnosis);
}

/**
 * Judges the body of Update Extension Bits Product (`PUT /helix/bits/extensions`) as Twitch does: a SKU of
 * at most 255 letters, digits, `-`, `_` or `.`; `cost` `{ amount: <whole number ≥ 1>, type: "bits" }`; a
 * display name; booleans for `in_development` and `is_broadcast` (default false); `expiration` an RFC 3339
 * date or absent (a date in the past disables the product). Answers the product in Helix's shape.
 */
export function diagnoseBitsProductBody(body: unknown): { ok: true; product: HelixBitsProduct } | Refusal {
  const fields = jsonBodyFields(body, '"sku", "cost" and "display_name"');
  if (isRefusal(fields)) return fields;
  const sku = skuProblem(fields.sku);
  if (sku !== undefined) {
    return refuse(
      400,
      "bits_sku_invalid",
      fields.sku === undefined ? 'Missing required parameter "sku"' : 'Invalid parameter "sku"',
      sku,
    );
  }
  const cost = fields.cost as { amount?: unknown; type?: unknown } | undefined;
  const amount = cost?.amount;
  if (
    cost === null ||
    typeof cost !== "object" ||
    !Number.isInteger(amount) ||
    (amount as number) < 1 ||
    cost.type !== "bits"
  ) {
    return refuse(
      400,
      "bits_cost_invalid",
      cost === undefined ? 'Missing required parameter "cost"' : 'Invalid parameter "cost"',
      typeof amount === "string"
        ? `cost.amount is the string ${JSON.stringify(amount.slice(0, 20))}: send a number of Bits ({ "amount": ${Number(amount) || 100}, "type": "bits" }).`
        : `cost must be { "amount": <a whole number of Bits, at least 1>, "type": "bits" }, got ${JSON.stringify(cost ?? null)?.slice(0, 80)}.`,
    );
  }
  const name = fields.display_name;
  if (typeof name !== "string" || name.trim().length === 0 || name.length > BITS_DISPLAY_NAME_MAX) {
    return invalid(
      "display_name",
      `display_name must be a non-empty string of at most ${BITS_DISPLAY_NAME_MAX} characters (what viewers see in Twitch's confirmation).`,
    );
  }
  for (const flag of ["in_development", "is_broadcast"] as const) {
    if (fields[flag] !== undefined && typeof fields[flag] !== "boolean") {
      return invalid(
        flag,
        `${flag} must be true or false, got ${JSON.stringify(fields[flag])?.slice(0, 40)}.`,
      );
    }
  }
  const expiration = fields.expiration;
  if (
    expiration !== undefined &&
    expiration !== "" &&
    (typeof expiration !== "string" || !RFC3339.test(expiration) || !Number.isFinite(Date.parse(expiration)))
  ) {
    return invalid(
      "expiration",
      `expiration must be an RFC 3339 date such as "2030-01-01T00:00:00Z" (or left out), got ${JSON.stringify(expiration)?.slice(0, 40)}.`,
    );
  }
  return {
    ok: true,
    product: {
      sku: fields.sku as string,
      cost: { amount: amount as number, type: "bits" },
      in_development: fields.in_development === true,
      display_name: name,
      expiration: (expiration as string | undefined) ?? "",
      is_broadcast: fields.is_broadcast === true,
    },
  };
}

/** Get Extension Transactions' query as Twitch reads it, or the refusal of a bad one. */
export interface TransactionsQuery {
  extensionId: string;
  ids: string[];
  first: number;
  after: string | undefined;
}

/**
 * Judges Get Extension Transactions' query: `extension_id` required, `id` repeated at most 100 times,
 * `first` 1 to 100 (default 20), `after` a cursor (not together with `id`).
 */
export function diagnoseTransactionsQuery(query: {
  extensionId: string[];
  ids: string[];
  first: string[];
  after: string[];
}): { ok: true; query: TransactionsQuery } | Refusal {
  const bad = (message: string, diagnosis: string) =>
    refuse(400, "transactions_query_invalid", message, diagnosis);
  const [extensionId] = query.extensionId;
  if (extensionId === undefined || extensionId === "") {
    return bad(
      'Missing required parameter "extension_id"',
      "Get Extension Transactions needs extension_id=<the extension's client id>.",
    );
  }
  if (query.ids.length > 100) {
    return bad(
      'Invalid parameter "id"',
      `Ask for at most 100 transaction ids a call (got ${query.ids.length}): split them.`,
    );
  }
  const firstText = query.first[0];
  const first = firstText === undefined ? 20 : Number(firstText);
  if (!Number.isInteger(first) || first < 1 || first > 100 || query.first.length > 1) {
    return bad(
      'Invalid parameter "first"',
      `first is a whole number from 1 to 100 (default 20), got ${JSON.stringify(firstText)}.`,
    );
  }
  if (query.after.length > 0 && query.ids.length > 0) {
    return bad(
      'Invalid parameter "after"',
      "after pages through all transactions; it does not combine with id.",
    );
  }
  return { ok: true, query: { extensionId, ids: query.ids, first, after: query.after[0] } };
}
