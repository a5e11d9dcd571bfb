import { DIAGNOSIS_HEADERS } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { buildExternalChatClaims, signExtensionJwt } from "@ext/shared/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appTokenFrom,
  FIRST_CHANNEL,
  type RigUnderTest,
  START,
  startRig,
} from "../testing/rig-under-test.ts";

let rig: RigUnderTest;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

const { clientId, ownerUserId } = DEV_CONFIG.extension;
const SECOND_CHANNEL = DEV_CONFIG.channels[1]?.broadcasterId as string;

function appToken(): Promise<string> {
  return appTokenFrom(rig.url);
}

function getStreams(query: string, headers: Record<string, string>) {
  return fetch(`${rig.url}/helix/streams?${query}`, { headers });
}

async function streamsOf(query: string): Promise<{ data: Record<string, unknown>[]; pagination: object }> {
  const res = await getStreams(query, { Authorization: `Bearer ${await appToken()}`, "Client-Id": clientId });
  expect(res.status).toBe(200);
  return (await res.json()) as { data: Record<string, unknown>[]; pagination: object };
}

function setLive(channelId: string, live: boolean) {
  return fetch(`${rig.url}/rig/api/channels/${channelId}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ live }),
  });
}

describe("GET /helix/streams (Get Streams)", () => {
  it("answers empty data while the channel is offline, and its stream with started_at once live", async () => {
    expect(await streamsOf(`user_id=${FIRST_CHANNEL}`)).toEqual({ data: [], pagination: {} });

    const patched = await setLive(FIRST_CHANNEL, true);
    expect(((await patched.json()) as { stream: unknown }).stream).toMatchObject({
      startedAt: "2026-03-01T12:00:00Z",
    });
    const { data } = await streamsOf(`user_id=${FIRST_CHANNEL}&user_id=${SECOND_CHANNEL}`);
    expect(data).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^\d+$/),
        user_id: FIRST_CHANNEL,
        user_login: "hypecaster",
        user_name: "HypeCaster",
        type: "live",
        started_at: new Date(START).toISOString().replace(".000Z", "Z"),
        game_name: "Software and Game Development",
        viewer_count: 0,
      }),
    ]);
  });

  it("starts a new stream, with a new id and started_at, each time the channel goes live again", async () => {
    await setLive(FIRST_CHANNEL, true);
    const first = (await streamsOf(`user_id=${FIRST_CHANNEL}`)).data[0];
    rig.advance(30_000);
    await setLive(FIRST_CHANNEL, true);
    expect((await streamsOf(`user_id=${FIRST_CHANNEL}`)).data[0]).toEqual(first);

    await setLive(FIRST_CHANNEL, false);
    expect((await streamsOf(`user_id=${FIRST_CHANNEL}`)).data).toEqual([]);
    await setLive(FIRST_CHANNEL, true);
    const second = (await streamsOf(`user_id=${FIRST_CHANNEL}`)).data[0];
    expect(second?.started_at).toBe("2026-03-01T12:00:30Z");
    expect(second?.id).not.toBe(first?.id);

    // Offline and live again within the same second: still a later started_at, as an EBS keys a stream by it.
    await setLive(FIRST_CHANNEL, false);
    await setLive(FIRST_CHANNEL, true);
    expect((await streamsOf(`user_id=${FIRST_CHANNEL}`)).data[0]?.started_at).toBe("2026-03-01T12:00:31Z");
  });

  it("finds channels by user_login, and lists every live channel without a filter", async () => {
    await setLive(SECOND_CHANNEL, true);
    expect((await streamsOf("user_login=QuietStream")).data.map((s) => s.user_id)).toEqual([SECOND_CHANNEL]);
    await setLive(FIRST_CHANNEL, true);
    expect((await streamsOf("")).data.map((s) => s.user_id)).toEqual([FIRST_CHANNEL, SECOND_CHANNEL]);
    expect((await streamsOf("first=1")).data).toHaveLength(1);
  });

  it("diagnoses the usual token mistakes", async () => {
    const token = await appToken();
    const query = `user_id=${FIRST_CHANNEL}`;
    const cases: [Record<string, string>, number, string, RegExp][] = [
      [{ "Client-Id": clientId }, 401, "auth_header_missing", /No Authorization header/],
      [{ Authorization: `Bearer ${token}` }, 401, "client_id_missing", /No Client-Id header/],
      [
        { Authorization: `Bearer ${token}`, "Client-Id": "another0extension0client0id" },
        401,
        "client_id_mismatch",
        /not the client id the token was issued to/,
      ],
      [
        { Authorization: `Bearer ${viewerToken()}`, "Client-Id": clientId },
        401,
        "oauth_token_invalid",
        /the viewer's token from onAuthorized \(role "viewer"\): Get Streams takes an app access token/,
      ],
      [
        { Authorization: `Bearer ${externalJwt()}`, "Client-Id": clientId },
        401,
        "oauth_token_invalid",
        /an extension JWT your EBS signed/,
      ],
      [
        { Authorization: "Bearer not-a-token-we-issued", "Client-Id": clientId },
        401,
        "oauth_token_invalid",
        /unknown or expired/,
      ],
    ];
    for (const [headers, status, code, diagnosis] of cases) {
      const res = await getStreams(query, headers);
      expect([res.status, res.headers.get(DIAGNOSIS_HEADERS.code)], code).toEqual([status, code]);
      expect(decodeURIComponent(res.headers.get(DIAGNOSIS_HEADERS.message) ?? "")).toMatch(diagnosis);
    }
  });

  it("refuses more than 100 channels, a login where an id belongs, a bad first or type", async () => {
    const headers = { Authorization: `Bearer ${await appToken()}`, "Client-Id": clientId };
    const many = Array.from({ length: 101 }, (_, i) => `user_id=${i + 1}`).join("&");
    for (const [query, diagnosis] of [
      [many, /at most 100/],
      ["user_id=hypecaster", /use user_login/],
      ["first=0", /1 to 100/],
      ["type=archive", /"all" or "live"/],
    ] as const) {
      const res = await getStreams(query, headers);
      expect([res.status, res.headers.get(DIAGNOSIS_HEADERS.code)], query.slice(0, 20)).toEqual([
        400,
        "streams_query_invalid",
      ]);
      expect(decodeURIComponent(res.headers.get(DIAGNOSIS_HEADERS.message) ?? "")).toMatch(diagnosis);
    }
  });

  it("shows each call in the request log with which channels were live", async () => {
    await setLive(FIRST_CHANNEL, true);
    await streamsOf(`user_id=${FIRST_CHANNEL}&user_id=${SECOND_CHANNEL}`);
    const { entries } = (await (await fetch(`${rig.url}/rig/api/log`)).json()) as {
      entries: Record<string, unknown>[];
    };
    expect(entries.at(-1)).toMatchObject({
      method: "GET",
      path: `/helix/streams?user_id=${FIRST_CHANNEL}&user_id=${SECOND_CHANNEL}`,
      status: 200,
      streams: { asked: 2, live: [FIRST_CHANNEL] },
    });
  });
});

describe("PATCH /rig/api/channels/:id { live }", () => {
  it("shows the stream in the rig's state, and refuses a live that is not a boolean or an unknown channel", async () => {
    await setLive(FIRST_CHANNEL, true);
    const state = (await (await fetch(`${rig.url}/rig/api/state`)).json()) as {
      channels: { broadcasterId: string; stream: unknown }[];
    };
    expect(state.channels.find((c) => c.broadcasterId === FIRST_CHANNEL)?.stream).toEqual({
      id: expect.stringMatching(/^\d+$/),
      startedAt: "2026-03-01T12:00:00Z",
      title: "HypeCaster builds an extension",
    });
    expect(state.channels.filter((c) => c.stream !== null)).toHaveLength(1);
    const bad = await fetch(`${rig.url}/rig/api/channels/${FIRST_CHANNEL}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ live: "yes" }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "body_invalid",
      message: expect.stringContaining("live"),
    });
    expect((await setLive("999", true)).status).toBe(404);
  });
});

function viewerToken(): string {
  const claims = {
    exp: Math.floor(rig.now() / 1000) + 60,
    opaque_user_id: "U1",
    channel_id: FIRST_CHANNEL,
    role: "viewer",
    pubsub_perms: { listen: ["broadcast"], send: [] },
  };
  return signExtensionJwt(claims as never, rig.state.secrets.ring(), rig.now);
}

function externalJwt(): string {
  return signExtensionJwt(
    buildExternalChatClaims({ ownerUserId, channelId: FIRST_CHANNEL, clock: rig.now }),
    rig.state.secrets.ring(),
    rig.now,
  );
}
