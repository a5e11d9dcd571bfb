import { diagnoseExternalJwt, type ExternalJwt, refuse } from "@ext/shared/server";
import type { Request, Response } from "express";
import type { RigState } from "../state/rig-state.ts";
import { sendRefusal } from "./refusal.ts";

/**
 * Checks the external JWT and Client-Id of an extension endpoint, and that `extensionId` (from the query
 * or body) is this extension. Answers the refusal itself and returns undefined when the call is refused.
 */
export function authorizeExternal(
  req: Request,
  res: Response,
  input: { state: RigState; extensionId: unknown },
): ExternalJwt | undefined {
  const { state } = input;
  const verdict = diagnoseExternalJwt({
    authorization: req.get("authorization"),
    clientIdHeader: req.get("client-id"),
    extension: state.identity(),
    clock: state.clock,
  });
  if (!verdict.ok) {
    sendRefusal(res, verdict);
    return undefined;
  }
  if (input.extensionId !== state.extension.clientId) {
    sendRefusal(
      res,
      refuse(
        400,
        input.extensionId === undefined ? "body_field_missing" : "extension_id_mismatch",
        input.extensionId === undefined
          ? 'Missing required parameter "extension_id"'
          : 'Invalid parameter "extension_id"',
        `extension_id must be this extension's client id "${state.extension.clientId}", got ${JSON.stringify(input.extensionId ?? null)}.`,
      ),
    );
    return undefined;
  }
  return verdict.jwt;
}
