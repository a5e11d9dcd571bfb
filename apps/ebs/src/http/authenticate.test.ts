import { randomBytes } from "node:crypto";
import {
  buildBroadcasterClaims,
  buildViewerClaims,
  createSecretRing,
  type SecretRing,
  signExtensionJwt,
} from "@ext/shared/server";
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import supertest from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../app-error.ts";
import { type AuthenticatedHandler, createAuthenticator, type RouteAuth } from "./authenticate.ts";

const START = Date.parse("2026-03-01T12:00:00Z");
const clock = () => START;
const secret = randomBytes(32).toString("base64");
/** Every request answers within this, so a handler that never answers fails the test at once. */
const ANSWER_WITHIN_MS = 3_000;

let config: { secrets: SecretRing };
let signatureInvalid: number;
let errors: unknown[];
// Built before each test, not at import: `pnpm mutation` then runs only the tests that reach a mutant.
beforeEach(() => {
  config = { secrets: createSecretRing(secret) };
  signatureInvalid = 0;
  errors = [];
});

function viewerToken(ring = config.secrets, role: "viewer" | "moderator" = "viewer"): string {
  const claims = buildViewerClaims({
    channelId: "1001",
    clock,
    role,
    viewer: { kind: "identified", userId: "424242" },
  });
  return signExtensionJwt(claims, ring, clock);
}

/** One route behind the authenticator, and an error middleware that answers AppError as the EBS does. */
function serve(
  auth: RouteAuth,
  handler: AuthenticatedHandler = (_req, res, claims) => {
    res.json({ role: claims.role, body: _req.body ?? null });
  },
  options: { onSignatureInvalid?: boolean } = { onSignatureInvalid: true },
) {
  const authenticator = createAuthenticator({
    config,
    clock,
    ...(options.onSignatureInvalid ? { onSignatureInvalid: () => void signatureInvalid++ } : {}),
  });
  const answerErrors: ErrorRequestHandler = (error, _req, res, _next) => {
    errors.push(error);
    if (res.headersSent) return;
    if (error instanceof AppError) {
      res.status(error.status).json({ code: error.code, message: error.message });
    } else {
      res.status(error.status ?? 500).json({ code: "other", message: String(error.message) });
    }
  };
  const app = express().post("/route", authenticator.route(auth, handler)).use(answerErrors);
  return (authorization?: string) => {
    const request = supertest(app).post("/route").timeout(ANSWER_WITHIN_MS);
    return authorization === undefined ? request : request.set("Authorization", authorization);
  };
}

describe("the authenticated route", () => {
  it("calls the handler with the verified claims of a Bearer token", async () => {
    const res = await serve({})(`Bearer ${viewerToken()}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ role: "viewer", body: null });
    expect(errors).toEqual([]);
  });

  it("answers 401 token_missing without an Authorization header", async () => {
    const res = await serve({})();
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      code: "token_missing",
      message:
        "No Authorization header: send the latest Twitch.ext.onAuthorized auth.token as `Authorization: Bearer <token>`.",
    });
  });

  it("answers 401 token_malformed for a header that is not Bearer and a token", async () => {
    const post = serve({});
    for (const header of [`Basic ${viewerToken()}`, "Bearer", `Bearer ${viewerToken()} more`]) {
      const res = await post(header);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        code: "token_malformed",
        message:
          'The Authorization header must be "Bearer <token>": one word "Bearer", a space, then the token.',
      });
    }
  });

  it("answers 401 with the verifier's code and sentence for a refused token", async () => {
    const res = await serve({})("Bearer not-a-jwt");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      code: "token_malformed",
      message: "The token is not a JWT: a JWT has 3 parts separated by dots, this has 1.",
    });
  });

  it("reads the secrets on every request, so a new ring takes effect at once", async () => {
    const post = serve({});
    const rotated = createSecretRing(randomBytes(32).toString("base64"));
    const token = viewerToken(rotated);
    expect((await post(`Bearer ${token}`)).body.code).toBe("signature_invalid");
    config.secrets = rotated;
    expect((await post(`Bearer ${token}`)).status).toBe(200);
  });
});

describe("the authenticated route: rotation", () => {
  it("asks for the secrets again when a token matches no secret, and only then", async () => {
    const post = serve({});
    const other = createSecretRing(randomBytes(32).toString("base64"));
    expect((await post(`Bearer ${viewerToken(other)}`)).status).toBe(401);
    expect(signatureInvalid).toBe(1);
    expect((await post("Bearer not-a-jwt")).status).toBe(401);
    expect((await post(`Bearer ${viewerToken()}`)).status).toBe(200);
    expect(signatureInvalid).toBe(1);
  });

  it("refuses a token matching no secret when nobody follows rotation", async () => {
    const other = createSecretRing(randomBytes(32).toString("base64"));
    const res = await serve({}, undefined, { onSignatureInvalid: false })(`Bearer ${viewerToken(other)}`);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("signature_invalid");
  });
});

describe("the authenticated route: roles", () => {
  it("lets every frontend role in by default", async () => {
    const post = serve({});
    const broadcaster = signExtensionJwt(
      buildBroadcasterClaims({ channelId: "1001", clock }),
      config.secrets,
      clock,
    );
    for (const [token, role] of [
      [viewerToken(), "viewer"],
      [viewerToken(config.secrets, "moderator"), "moderator"],
      [broadcaster, "broadcaster"],
    ]) {
      const res = await post(`Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.body.role).toBe(role);
    }
  });

  it("answers 401 role_not_allowed to a role the route does not list", async () => {
    const res = await serve({ roles: ["broadcaster"] })(`Bearer ${viewerToken()}`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      code: "role_not_allowed",
      message: 'The role "viewer" may not do this; allowed: broadcaster.',
    });
  });
});

describe("the authenticated route: the body", () => {
  function countingJson(): { parser: RequestHandler; reads: () => number } {
    let reads = 0;
    const json = express.json();
    return {
      parser: (req, res, next) => {
        reads++;
        json(req, res, next);
      },
      reads: () => reads,
    };
  }

  it("reads the body only once the token is verified", async () => {
    const { parser, reads } = countingJson();
    const post = serve({ body: parser });
    const refused = await post("Bearer not-a-jwt").send({ kind: "hype" });
    expect(refused.status).toBe(401);
    expect(reads()).toBe(0);
    const accepted = await post(`Bearer ${viewerToken()}`).send({ kind: "hype" });
    expect(accepted.body).toEqual({ role: "viewer", body: { kind: "hype" } });
    expect(reads()).toBe(1);
  });

  it("refuses a verified caller's two Content-Type headers with 400 body_invalid, before reading the body", () => {
    const { parser, reads } = countingJson();
    const route = createAuthenticator({ config, clock }).route({ body: parser }, () => {});
    const authorization = `Bearer ${viewerToken()}`;
    const request = (contentTypes: string[]) =>
      ({
        headers: { authorization, "content-type": contentTypes[0] },
        rawHeaders: [
          "Authorization",
          authorization,
          ...contentTypes.flatMap((type) => ["Content-Type", type]),
        ],
      }) as unknown as Request;
    const thrown = (contentTypes: string[]) => {
      try {
        route(request(contentTypes), {} as Response, () => {});
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(thrown(["application/json", "text/plain"])).toMatchObject({
      code: "body_invalid",
      status: 400,
      message: "The request has more than one Content-Type header: send one, Content-Type: application/json.",
    });
    expect(reads()).toBe(0);
  });

  it("refuses a verified caller's body the parser refuses, without calling the handler", async () => {
    let called = false;
    const res = await serve({ body: express.json() }, () => {
      called = true;
    })(`Bearer ${viewerToken()}`)
      .set("Content-Type", "application/json")
      .send("{not json");
    expect(res.status).toBe(400);
    expect(called).toBe(false);
  });
});

describe("the authenticated route: the handler's errors", () => {
  const failure = new AppError({ code: "cooldown", status: 429, message: "Wait a little." });

  it("passes an error the handler throws to the error middleware", async () => {
    const res = await serve({}, () => {
      throw failure;
    })(`Bearer ${viewerToken()}`);
    expect(res.status).toBe(429);
    expect(errors).toEqual([failure]);
  });

  it("passes an async handler's rejection to the error middleware, with or without a body", async () => {
    const handler = async () => {
      throw failure;
    };
    expect((await serve({}, handler)(`Bearer ${viewerToken()}`)).status).toBe(429);
    expect((await serve({ body: express.json() }, handler)(`Bearer ${viewerToken()}`).send({})).status).toBe(
      429,
    );
    expect(errors).toEqual([failure, failure]);
  });

  it("raises nothing after a handler that answers and returns nothing, with or without a body", async () => {
    const handler: AuthenticatedHandler = (_req, res) => {
      setTimeout(() => res.status(204).end(), 10);
    };
    expect((await serve({}, handler)(`Bearer ${viewerToken()}`)).status).toBe(204);
    expect((await serve({ body: express.json() }, handler)(`Bearer ${viewerToken()}`).send({})).status).toBe(
      204,
    );
    expect(errors).toEqual([]);
  });
});
