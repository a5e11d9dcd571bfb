import { type Clock, countHeader, type ExtensionRole, type ViewerClaims } from "@ext/shared";
import { FRONTEND_ROLES, refuseRole } from "@ext/shared/server";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { AppError } from "../app-error.ts";
import type { Config } from "../config.ts";
import { bearerToken } from "./bearer.ts";
import { createTokenVerifier } from "./token-cache.ts";

/** A route's own work, given the verified claims of the viewer (or broadcaster) who called it. */
export type AuthenticatedHandler = (
  req: Request,
  res: Response,
  claims: ViewerClaims,
) => Promise<void> | void;

export interface RouteAuth {
  /** Roles that may call the route; default every frontend role (viewer, moderator, broadcaster). */
  roles?: readonly ExtensionRole[];
  /** The body parser, run only once the token is verified: a refused caller's body is never read. */
  body?: RequestHandler;
}

/**
 * The EBS's one way in. `route(auth, handler)` is the handler of every authenticated route: it verifies
 * the `Authorization: Bearer` token (HS256 against every active secret, successes cached until they
 * expire), checks the route's roles, then reads the body (one Content-Type, see `json-body.ts`), then calls
 * `handler` with the claims. A refusal is 401 with the verifier's code and sentence; a token that matched
 * no secret asks for the secrets to be read again (`onSignatureInvalid`), in case Twitch rotated them.
 */
export interface Authenticator {
  route(auth: RouteAuth, handler: AuthenticatedHandler): RequestHandler;
}

export function createAuthenticator(input: {
  /** Read on every request: `config.secrets` follows the secrets sync. */
  config: Pick<Config, "secrets">;
  clock: Clock;
  onSignatureInvalid?: () => void;
}): Authenticator {
  const { config, onSignatureInvalid } = input;
  const verify = createTokenVerifier({ clock: input.clock });

  function claimsOf(req: Request, roles: readonly ExtensionRole[]): ViewerClaims {
    const result = verify(bearerToken(req), config.secrets);
    if (!result.ok) {
      if (result.error.code === "signature_invalid") onSignatureInvalid?.();
      throw new AppError({ code: result.error.code, status: 401, message: result.error.message });
    }
    const refused = refuseRole(result.claims, roles);
    if (refused) throw new AppError({ code: refused.code, status: 401, message: refused.message });
    return result.claims;
  }

  return {
    route(auth, handler) {
      const roles = auth.roles ?? FRONTEND_ROLES;
      const readBody = auth.body;
      const run = (req: Request, res: Response, next: NextFunction, claims: ViewerClaims) => {
        try {
          const done = handler(req, res, claims);
          if (done) done.catch(next);
        } catch (error) {
          next(error);
        }
      };
      return (req, res, next) => {
        const claims = claimsOf(req, roles);
        if (!readBody) return run(req, res, next, claims);
        if (countHeader(req.rawHeaders, "content-type") > 1) {
          throw new AppError({
            code: "body_invalid",
            status: 400,
            message:
              "The request has more than one Content-Type header: send one, Content-Type: application/json.",
          });
        }
        readBody(req, res, (error?: unknown) => {
          if (error) return next(error);
          run(req, res, next, claims);
        });
      };
    },
  };
}
