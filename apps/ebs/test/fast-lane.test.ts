import { EBS_PATHS } from "@ext/shared";
import type { Response } from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTENSION_ORIGIN, type Harness, startHarness } from "./support/harness.ts";

let h: Harness;
beforeAll(async () => {
  // LOG_LEVEL info: the request log is on, as it is by default.
  h = await startHarness({ env: { LOG_LEVEL: "info" } });
});
afterAll(async () => {
  await h.close();
});

/** `POST /api/actions` exactly is the fast lane's; with a trailing slash Express's router serves it. */
const LANE = EBS_PATHS.action;
const EXPRESS = `${EBS_PATHS.action}/`;

let viewers = 0;
/** A viewer of their own for each request, so no cooldown answers any of them. */
const freshToken = () => h.token({ kind: "identified", userId: String(700_000 + viewers++) });

/** What an answer says, less what differs between any two answers (the date, the action's id). */
function shape(res: Response) {
  const { date: _date, ...headers } = res.headers;
  const body = { ...res.body };
  if (typeof body.actionId === "string") body.actionId = "<uuid>";
  return { status: res.status, headers, body };
}

type Call = (path: string) => Promise<Response>;

const calls: [string, Call][] = [
  [
    "a good action",
    (path) => h.ebs.post(path).set("Authorization", `Bearer ${freshToken()}`).send({ action: "hype" }),
  ],
  [
    "a good action from the extension's origin",
    (path) =>
      h.ebs
        .post(path)
        .set("Origin", EXTENSION_ORIGIN)
        .set("Authorization", `Bearer ${freshToken()}`)
        .send({ action: "hype" }),
  ],
  ["no token", (path) => h.ebs.post(path).send({ action: "hype" })],
  [
    "an origin not allowed",
    (path) =>
      h.ebs
        .post(path)
        .set("Origin", "https://evil.example")
        .set("Authorization", `Bearer ${freshToken()}`)
        .send({ action: "hype" }),
  ],
  [
    "an unknown kind",
    (path) => h.ebs.post(path).set("Authorization", `Bearer ${freshToken()}`).send({ action: "nope" }),
  ],
  [
    "a body that is not JSON",
    (path) =>
      h.ebs
        .post(path)
        .set("Authorization", `Bearer ${freshToken()}`)
        .set("Content-Type", "application/json")
        .send("{not json"),
  ],
  [
    "a compressed body",
    (path) =>
      h.ebs
        .post(path)
        .set("Authorization", `Bearer ${freshToken()}`)
        .set("Content-Encoding", "gzip")
        .send({ action: "hype" }),
  ],
];

describe("the action endpoint's fast lane", () => {
  it.each(calls)(
    "answers %s exactly as Express's router does: status, headers, body",
    async (_name, call) => {
      const inLane = await call(LANE);
      const inExpress = await call(EXPRESS);
      expect(shape(inLane)).toEqual(shape(inExpress));
      expect(inLane.headers["content-security-policy"]).toBe("default-src 'none'");
      expect(inLane.headers["x-content-type-options"]).toBe("nosniff");
    },
  );

  it("logs its requests as Express's requests are logged, one line each with the status and error code", async () => {
    const before = h.logLines().length;
    await h.ebs.post(LANE).send({ action: "hype" });
    await h.ebs.post(EXPRESS).send({ action: "hype" });
    const lines = h.logLines().slice(before);
    expect(
      lines.map((l) => [
        (l.req as { url: string }).url,
        (l.res as { statusCode: number }).statusCode,
        l.errorCode,
      ]),
    ).toEqual([
      [LANE, 401, "token_missing"],
      [EXPRESS, 401, "token_missing"],
    ]);
  });
});
