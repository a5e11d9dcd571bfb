import { bitsProductActive, fromHelixBitsProduct, toFrontendBitsProduct } from "@ext/shared";
import type { Router } from "express";
import { z } from "zod";
import type { RigState } from "../state/rig-state.ts";
import { purchaseBits, purchaseRequestSchema } from "./bits-purchase.ts";
import { sendRigError } from "./rig-error.ts";

const balanceSchema = z.object({ balance: z.number().int().min(0).max(1_000_000_000) }).strict();
const revokeSchema = z
  .object({
    status: z
      .enum(["authorization_revoked", "notification_failures_exceeded", "user_removed", "version_removed"])
      .default("authorization_revoked"),
  })
  .strict();

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}

/**
 * The rig's Bits controls (RIG-API.md): balances, the transactions made, the products a frame's
 * `getProducts()` sees, a confirmed purchase, and revoking an EventSub subscription. A channel's eligibility
 * is `bitsEligible` in `PATCH /rig/api/channels/:id`.
 */
export function mountBitsApi(router: Router, state: RigState): void {
  router.get("/bits", (_req, res) => {
    res.json({
      balances: state
        .users()
        .map((u) => ({ userId: u.id, displayName: u.displayName, balance: state.bits.balance(u.id) })),
      products: state.bits.products(),
      transactions: state.bits.transactions(),
      // With the rig's warning when it accepted a callback Twitch would refuse (http on this machine).
      subscriptions: state.eventsub.list().map((s) => {
        const warning = state.eventsub.get(s.id)?.warning;
        return warning ? { ...s, warning } : s;
      }),
    });
  });

  router.put("/bits/balances/:userId", (req, res) => {
    const user = state.user(req.params.userId);
    if (!user) return sendRigError(res, 404, "not_found", `No rig user ${req.params.userId}.`);
    const parsed = balanceSchema.safeParse(req.body);
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    state.bits.setBalance(user.id, parsed.data.balance);
    state.publish("state", state.view());
    res.json({ userId: user.id, displayName: user.displayName, balance: parsed.data.balance });
  });

  router.get("/bits/products", (req, res) => {
    const channelId = typeof req.query.channelId === "string" ? req.query.channelId : "";
    const channel = state.channel(channelId);
    if (!channel)
      return sendRigError(
        res,
        404,
        "not_found",
        `No channel ${JSON.stringify(channelId)} in the rig: send ?channelId=<id>.`,
      );
    const released = channel.versionState === "released";
    const now = state.clock();
    const products = state.bits
      .products()
      .filter((p) => bitsProductActive(p.expiration ? { expiration: p.expiration } : {}, now))
      .filter((p) => !(released && p.in_development))
      .map((p) => toFrontendBitsProduct(fromHelixBitsProduct(p), { released }));
    res.json({ products });
  });

  router.post("/bits/purchases", (req, res) => {
    const parsed = purchaseRequestSchema.safeParse(req.body);
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    const result = purchaseBits(state, parsed.data);
    if ("code" in result) return sendRigError(res, result.status, result.code, result.message);
    res.status(201).json({ ...result, balance: state.bits.balance(parsed.data.userId) });
  });

  router.post("/eventsub/subscriptions/:id/revoke", (req, res) => {
    const parsed = revokeSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendRigError(res, 400, "body_invalid", issues(parsed.error));
    const stored = state.eventsub.get(req.params.id);
    if (!stored) return sendRigError(res, 404, "not_found", `No EventSub subscription ${req.params.id}.`);
    if (
      stored.subscription.status !== "enabled" &&
      stored.subscription.status !== "webhook_callback_verification_pending"
    ) {
      return sendRigError(
        res,
        409,
        "already_revoked",
        `The subscription is already ${stored.subscription.status}.`,
      );
    }
    const subscription = state.eventsub.setStatus(req.params.id, parsed.data.status);
    if (subscription) state.publish("eventsub", { action: "revoked", subscription });
    res.json(subscription);
  });
}
