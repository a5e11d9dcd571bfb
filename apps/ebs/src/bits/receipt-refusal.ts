import type { BitsReceiptErrorCode } from "@ext/shared";

/**
 * The HTTP status of each receipt refusal: 403 when the receipt is genuine but not this viewer's or not this
 * extension's to report, 422 when it is well formed and signed but disagrees with the catalogue, 400 for the
 * rest (missing, malformed, forged, expired).
 */
export function receiptRefusalStatus(code: BitsReceiptErrorCode): 400 | 403 | 422 {
  switch (code) {
    case "receipt_user_mismatch":
    case "receipt_domain_mismatch":
      return 403;
    case "receipt_sku_unknown":
    case "receipt_cost_mismatch":
      return 422;
    default:
      return 400;
  }
}
