import { DIAGNOSIS_HEADERS, epochSeconds } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { buildExternalChatClaims, buildExternalPubSubClaims, signExtensionJwt } from "@ext/shared/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PubSubEvent } from "../state/types.ts";
import { FIRST_CHANNEL, type RigUnderTest, startRig } from "../testing/rig-under-test.ts";

let rig: RigUnderTest;
let received: PubSubEvent[];
beforeEach(async () => {
  rig = await startRig();
  received = [];
  rig.state.on("pubsub", (event) => received.push(event));
});
afterEach(async () => {
  await rig.close();
});

const { clientId, ownerUserId } = DEV_CONFIG.extension;

function send(claims: object, body: Record<string, unknown>, path = "/helix/extensions/pubsub") {
  const jwt = signExtensionJwt(claims as never, rig.state.secrets.ring(), rig.now);
  return fetch(`${rig.url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${jwt}`, "Client-Id": clientId, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

const claims = (targets?: string[]) =>
  buildExternalPubSubClaims({ ownerUserId, channelId: FIRST_CHANNEL, clock: rig.now, targets });
/** Claims written by hand, for shapes the builders refuse to make. */
const handClaims = (extra: Record<string, unknown>) => ({
  exp: epochSeconds(rig.now) + 60,
  user_id: ownerUserId,
  role: "external",
  ...extra,
});
const broadcast = (extra: Record<string, unknown> = {}) => ({
  target: ["broadcast"],
  broadcaster_id: FIRST_CHANNEL,
  is_global_broadcast: false,
  message: "hi",
  ...extra,
});

/** The refusal as a test reads it: status, Twitch's message, the rig's code and sentence. */
async function refusal(res: Response) {
  const body = (await res.json()) as { message: string };
  return {
    status: res.status,
    message: body.message,
    code: res.headers.get(DIAGNOSIS_HEADERS.code),
    diagnosis: decodeURIComponent(res.headers.get(DIAGNOSIS_HEADERS.message) ?? ""),
  };
}

describe("POST /helix/extensions/pubsub: each of Twitch's rules has its own diagnosis", () => {
  it("refuses pubsub_perms as an array with Twitch's 'JWT could not be verified'", async () => {
    const res = await send(
      handClaims({ channel_id: FIRST_CHANNEL, pubsub_perms: ["broadcast"] }),
      broadcast(),
    );
    expect(await refusal(res)).toEqual({
      status: 401,
      message: "JWT could not be verified",
      code: "pubsub_perms_not_object",
      diagnosis: expect.stringMatching(/pubsub_perms is an array.*\{ send: \["broadcast"\] \}/),
    });
    const sendAsString = await send(
      handClaims({ channel_id: FIRST_CHANNEL, pubsub_perms: { send: "broadcast" } }),
      broadcast(),
    );
    expect(await refusal(sendAsString)).toMatchObject({
      code: "pubsub_perms_not_object",
      diagnosis: expect.stringMatching(/pubsub_perms\.send is a string/),
    });
    expect(received).toEqual([]);
  });

  it("refuses a JWT without the send permission for the target with 'Wrong channel requested'", async () => {
    const chatJwt = await send(
      buildExternalChatClaims({ ownerUserId, channelId: FIRST_CHANNEL, clock: rig.now }),
      broadcast(),
    );
    expect(await refusal(chatJwt)).toEqual({
      status: 401,
      message: "Wrong channel requested",
      code: "pubsub_perms_missing",
      diagnosis: expect.stringMatching(/no pubsub_perms/),
    });
    const whisper = await send(claims(["broadcast"]), broadcast({ target: ["whisper-U1"] }));
    expect(await refusal(whisper)).toMatchObject({
      status: 401,
      code: "pubsub_perms_missing",
      diagnosis: expect.stringMatching(/does not list "whisper-U1"/),
    });
    expect(received).toEqual([]);
  });

  it("refuses a missing channel_id, a numeric one, and one that is not the body's broadcaster_id", async () => {
    const perms = { pubsub_perms: { send: ["broadcast"] } };
    const missing = await refusal(await send(handClaims(perms), broadcast()));
    expect(missing).toMatchObject({ status: 401, code: "channel_id_missing" });
    expect(missing.diagnosis).toContain(`"${FIRST_CHANNEL}"`);
    const numeric = await refusal(
      await send(handClaims({ ...perms, channel_id: Number(FIRST_CHANNEL) }), broadcast()),
    );
    expect(numeric).toMatchObject({ status: 401, code: "channel_id_not_string" });
    expect(numeric.diagnosis).toContain("string");
    const other = await refusal(await send(claims(), broadcast({ broadcaster_id: "41000002" })));
    expect(other).toMatchObject({ status: 401, code: "channel_id_mismatch" });
    expect(other.diagnosis).toContain('broadcaster_id "41000002"');
    expect(received).toEqual([]);
  });

  it("answers a trailing slash on the path with 403", async () => {
    const res = await send(claims(), broadcast(), "/helix/extensions/pubsub/");
    expect(await refusal(res)).toEqual({
      status: 403,
      message: "Forbidden",
      code: "pubsub_path_trailing_slash",
      diagnosis: expect.stringContaining("/helix/extensions/pubsub without it"),
    });
    expect(received).toEqual([]);
  });

  it("counts the 5 KB limit in UTF-8 bytes, not characters", async () => {
    const exactly = await send(claims(), broadcast({ message: "é".repeat(2560) }));
    expect(exactly.status).toBe(204);
    const euros = await refusal(await send(claims(), broadcast({ message: "€".repeat(1800) })));
    expect(euros).toMatchObject({ status: 400, code: "pubsub_message_too_large" });
    expect(euros.diagnosis).toContain("5400 bytes in UTF-8 (1800 characters)");
    expect(received).toHaveLength(1);
  });

  it("refuses a target that is not broadcast, global or whisper-<id>, and a target that is not an array", async () => {
    for (const target of [["broadcasts"], ["whisper-"], ["channel.123"]]) {
      const res = await refusal(await send(claims(), broadcast({ target })));
      expect(res, JSON.stringify(target)).toMatchObject({ status: 400, code: "pubsub_target_invalid" });
      expect(res.diagnosis).toContain("none of Twitch's targets");
    }
    for (const target of ["broadcast", [], [1]]) {
      const res = await refusal(await send(claims(), broadcast({ target })));
      expect(res, JSON.stringify(target)).toMatchObject({ status: 400, code: "pubsub_target_invalid" });
      expect(res.diagnosis).toContain("non-empty array of strings");
    }
    expect(received).toEqual([]);
  });

  it("refuses a global message without is_global_broadcast, with another target, or a JWT not for channel all", async () => {
    const globalClaims = handClaims({ channel_id: "all", pubsub_perms: { send: ["global"] } });
    const global = { target: ["global"], is_global_broadcast: true, message: "news" };
    const unflagged = await refusal(await send(globalClaims, { ...global, is_global_broadcast: false }));
    expect(unflagged).toMatchObject({ status: 400, code: "pubsub_global_invalid" });
    expect(unflagged.diagnosis).toContain("is_global_broadcast: true");
    const mixed = await refusal(await send(globalClaims, { ...global, target: ["global", "broadcast"] }));
    expect(mixed).toMatchObject({ status: 400, code: "pubsub_global_invalid" });
    const stringFlag = await refusal(await send(globalClaims, { ...global, is_global_broadcast: "true" }));
    expect(stringFlag).toMatchObject({ status: 400, code: "pubsub_global_invalid" });
    expect(stringFlag.diagnosis).toContain("boolean");
    const channelJwt = await refusal(await send(claims(["global"]), global));
    expect(channelJwt).toMatchObject({ status: 401, code: "channel_id_mismatch" });
    expect(channelJwt.diagnosis).toContain('channel_id "all"');
    expect(received).toEqual([]);

    expect((await send(globalClaims, global)).status).toBe(204);
    expect(received).toEqual([
      { channelId: "all", target: "global", contentType: "application/json", message: "news" },
    ]);
  });

  it("refuses a message that is not a string, or none", async () => {
    const object = await refusal(await send(claims(), broadcast({ message: { hype: 1 } })));
    expect(object).toMatchObject({ status: 400, code: "body_field_not_string" });
    expect(object.diagnosis).toContain("JSON.stringify");
    const none = await refusal(await send(claims(), broadcast({ message: undefined })));
    expect(none).toMatchObject({ status: 400, code: "body_field_missing" });
    expect(received).toEqual([]);
  });

  it("shows each call in the request log with its targets, size and, when refused, the diagnosis", async () => {
    await send(claims(), broadcast({ message: "héllo" }));
    await send(claims(), broadcast({ target: ["whisper-U1"] }));
    const res = await fetch(`${rig.url}/rig/api/log`);
    const { entries } = (await res.json()) as { entries: Record<string, unknown>[] };
    expect(entries).toEqual([
      expect.objectContaining({
        method: "POST",
        path: "/helix/extensions/pubsub",
        status: 204,
        pubsub: { targets: ["broadcast"], bytes: 6 },
      }),
      expect.objectContaining({
        status: 401,
        code: "pubsub_perms_missing",
        diagnosis: expect.stringContaining("whisper-U1"),
        pubsub: { targets: ["whisper-U1"], bytes: 2 },
      }),
    ]);
  });
});
