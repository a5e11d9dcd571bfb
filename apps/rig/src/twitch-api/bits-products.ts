import { bitsProductActive, TWITCH } from "@ext/shared";
import { diagnoseBitsProductBody } from "@ext/shared/server";
import type { Router } from "express";
import type { RigState } from "../state/rig-state.ts";
import { authorizeAppToken } from "./app-token.ts";
import { readBody } from "./body.ts";
import { sendRefusal } from "./refusal.ts";

/**
 * `GET /helix/bits/extensions[?should_include_all=true]` and `PUT /helix/bits/extensions`: Get and Update
 * Extension Bits Products, with an app access token of the extension's client id. Without
 * `should_include_all` Twitch leaves out products whose expiration has passed (they are disabled).
 */
export function mountBitsProducts(router: Router, state: RigState): void {
  router.get(TWITCH.bitsProductsPath, (req, res) => {
    if (!authorizeAppToken(req, res, state, "Get Extension Bits Products")) return;
    const includeAll = req.query.should_include_all === "true";
    const now = state.clock();
    const data = state.bits
      .products()
      .filter(
        (p) =>
          includeAll || bitsProductActive({ ...(p.expiration ? { expiration: p.expiration } : {}) }, now),
      );
    res.json({ data });
  });

  router.put(TWITCH.bitsProductsPath, (req, res) => {
    if (!authorizeAppToken(req, res, state, "Update Extension Bits Product")) return;
    const verdict = diagnoseBitsProductBody(readBody(req));
    if (!verdict.ok) {
      sendRefusal(res, verdict);
      return;
    }
    const stored = state.bits.putProduct(verdict.product);
    state.publish("state", state.view());
    res.json({ data: [stored] });
  });
}
