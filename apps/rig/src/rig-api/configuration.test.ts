import { DIAGNOSIS_HEADERS } from "@ext/shared";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { buildExternalServiceClaims, signExtensionJwt } from "@ext/shared/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIRST_CHANNEL, type RigUnderTest, startRig } from "../testing/rig-under-test.ts";

let rig: RigUnderTest;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

const { clientId, ownerUserId } = DEV_CONFIG.extension;

function helixHeaders() {
  const jwt = signExtensionJwt(
    buildExternalServiceClaims({ ownerUserId, clock: rig.now }),
    rig.state.secrets.ring(),
    rig.now,
  );
  return { Authorization: `Bearer ${jwt}`, "Client-Id": clientId, "Content-Type": "application/json" };
}

async function frontendToken(viewer: string): Promise<string> {
  const res = await fetch(`${rig.url}/rig/api/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ channelId: FIRST_CHANNEL, viewer }),
  });
  return ((await res.json()) as { auth: { token: string } }).auth.token;
}

function putFromFrontend(body: Record<string, unknown>) {
  return fetch(`${rig.url}/rig/api/channels/${FIRST_CHANNEL}/configuration`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("configuration service", () => {
  it("stores a segment put through Helix and answers it from Helix and the rig API", async () => {
    const put = await fetch(`${rig.url}/helix/extensions/configurations`, {
      method: "PUT",
      headers: helixHeaders(),
      body: JSON.stringify({
        extension_id: clientId,
        segment: "developer",
        broadcaster_id: FIRST_CHANNEL,
        version: "1",
        content: '{"theme":"dark"}',
      }),
    });
    expect(put.status).toBe(204);
    const get = await fetch(
      `${rig.url}/helix/extensions/configurations?extension_id=${clientId}&segment=developer&segment=broadcaster&broadcaster_id=${FIRST_CHANNEL}`,
      { headers: helixHeaders() },
    );
    expect(await get.json()).toEqual({
      data: [
        { segment: "developer", broadcaster_id: FIRST_CHANNEL, version: "1", content: '{"theme":"dark"}' },
      ],
    });
    const rigView = await fetch(`${rig.url}/rig/api/channels/${FIRST_CHANNEL}/configuration`);
    expect(await rigView.json()).toEqual({ developer: { version: "1", content: '{"theme":"dark"}' } });
  });

  it("lets the channel's broadcaster set the broadcaster segment from the frontend", async () => {
    const res = await putFromFrontend({
      token: await frontendToken("broadcaster"),
      segment: "broadcaster",
      version: "2",
      content: "hello",
    });
    expect(res.status).toBe(200);
    const get = await fetch(`${rig.url}/rig/api/channels/${FIRST_CHANNEL}/configuration`);
    expect(await get.json()).toEqual({ broadcaster: { version: "2", content: "hello" } });
  });

  it("refuses the broadcaster segment from a viewer's token", async () => {
    const res = await putFromFrontend({
      token: await frontendToken("identified"),
      segment: "broadcaster",
      version: "2",
      content: "hello",
    });
    expect(res.status).toBe(403);
    const get = await fetch(`${rig.url}/rig/api/channels/${FIRST_CHANNEL}/configuration`);
    expect(await get.json()).toEqual({});
  });

  it("refuses content over 5 KB through Helix with a diagnosis", async () => {
    const res = await fetch(`${rig.url}/helix/extensions/configurations`, {
      method: "PUT",
      headers: helixHeaders(),
      body: JSON.stringify({
        extension_id: clientId,
        segment: "global",
        version: "1",
        content: "x".repeat(5121),
      }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe("configuration_invalid");
  });

  it("refuses a Helix configuration call without a valid external JWT", async () => {
    const res = await fetch(
      `${rig.url}/helix/extensions/configurations?extension_id=${clientId}&segment=global`,
      { headers: { "Client-Id": clientId } },
    );
    expect(res.status).toBe(401);
    expect(res.headers.get(DIAGNOSIS_HEADERS.code)).toBe("auth_header_missing");
  });

  async function setRequired(value: string): Promise<Response> {
    return fetch(`${rig.url}/helix/extensions/required_configuration?broadcaster_id=${FIRST_CHANNEL}`, {
      method: "PUT",
      headers: helixHeaders(),
      body: JSON.stringify({
        extension_id: clientId,
        extension_version: "0.0.1",
        required_configuration: value,
      }),
    });
  }

  it("marks the channel's required configuration as met when the EBS sets the string the version declares", async () => {
    await fetch(`${rig.url}/rig/api/channels/${FIRST_CHANNEL}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ requiredConfigurationMet: false }),
    });
    expect((await setRequired(DEV_CONFIG.extension.requiredConfiguration as string)).status).toBe(204);
    expect(rig.state.channel(FIRST_CHANNEL)?.requiredConfigurationMet).toBe(true);
  });

  it("leaves the required configuration unmet when the EBS sets another string", async () => {
    expect((await setRequired("not-the-declared-one")).status).toBe(204);
    expect(rig.state.channel(FIRST_CHANNEL)?.requiredConfigurationMet).toBe(false);
  });
});
