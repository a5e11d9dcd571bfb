import { diagnoseAppTokenCall } from "@ext/shared/server";
import type { Request, Response } from "express";
import type { RigState } from "../state/rig-state.ts";
import { sendRefusal } from "./refusal.ts";

/**
 * Checks that a call carries an app access token of the extension's client id (Bits products, extension
 * transactions, EventSub); answers the refusal itself and returns false when it does not.
 */
export function authorizeAppToken(req: Request, res: Response, state: RigState, endpoint: string): boolean {
  const verdict = diagnoseAppTokenCall({
    authorization: req.get("authorization"),
    clientIdHeader: req.get("client-id"),
    extensionClientId: state.extension.clientId,
    endpoint,
    lookup: (token) => {
      const issued = state.token(token);
      return issued && { kind: issued.kind === "app" ? "app" : "user", clientId: issued.clientId };
    },
  });
  if (verdict.ok) return true;
  sendRefusal(res, verdict);
  return false;
}
