import { describe, expect, it } from "vitest";
import { viewerToken } from "../../test/fake-twitch-ext.ts";
import { readViewerIdentity } from "./viewer-identity.ts";

describe("readViewerIdentity", () => {
  it("sees that a token without user_id has not shared identity", () => {
    expect(readViewerIdentity(viewerToken())).toEqual({ sharedIdentity: false, role: "viewer" });
  });

  it("sees a shared identity when the token carries user_id", () => {
    expect(readViewerIdentity(viewerToken({ userId: "42", role: "moderator" }))).toEqual({
      sharedIdentity: true,
      role: "moderator",
    });
  });

  it("decodes base64url payloads that need padding and hold non-ASCII text", () => {
    const payload = Buffer.from(JSON.stringify({ user_id: "7", role: "viewer", note: "é🎉" })).toString(
      "base64url",
    );
    expect(payload.length % 4).not.toBe(0);
    expect(readViewerIdentity(`h.${payload}.s`)?.sharedIdentity).toBe(true);
  });

  it.each([
    "",
    "not-a-jwt",
    "a.%%%.c",
    "a.bm90IGpzb24.c",
    `a.${Buffer.from("null").toString("base64url")}.c`,
  ])("returns undefined for the unreadable token %j", (token) => {
    expect(readViewerIdentity(token)).toBeUndefined();
  });
});
