import { DEFAULT_CHAT_TEMPLATE, EBS_PATHS, settingsChangedResponseSchema } from "@ext/shared";
import { afterEach, describe, expect, it } from "vitest";
import { CHANNEL_ID, type Harness, type HarnessOptions, startHarness } from "./support/harness.ts";
import { until } from "./support/until.ts";

let h: Harness | undefined;

async function start(options: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness({ settings: true, ...options });
  return h;
}

function saved(settings: { chatEnabled: boolean; template: string }): string {
  return JSON.stringify({ version: 1, ...settings });
}

/** POST /api/settings/changed as the config view sends it (the content it just set), or with no body. */
function settingsChanged(harness: Harness, token: string, content?: string) {
  const request = harness.ebs.post(EBS_PATHS.settingsChanged).set("Authorization", `Bearer ${token}`);
  return content === undefined ? request : request.send({ content });
}

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("the broadcaster's settings", () => {
  it("refuses actions with chat_disabled when the broadcaster turned chat messages off, and calls no chat", async () => {
    const harness = await start();
    harness.fake.broadcasterSegments.set(CHANNEL_ID, saved({ chatEnabled: false, template: "{viewer}!" }));
    const res = await harness.post(harness.token());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("chat_disabled");
    expect(harness.fake.chatCalls).toBe(0);
  });

  it("writes the chat message with the broadcaster's template", async () => {
    const harness = await start();
    harness.fake.broadcasterSegments.set(
      CHANNEL_ID,
      saved({ chatEnabled: true, template: "Big thanks to {viewer}!" }),
    );
    const { final } = await harness.act(harness.token());
    expect(final).toMatchObject({ status: "sent", text: "Big thanks to Ana!" });
    expect(harness.fake.accepted.map((a) => a.text)).toEqual(["Big thanks to Ana!"]);
  });

  it("reads the Configuration Service once and keeps the settings for the next actions", async () => {
    const harness = await start();
    await harness.act(harness.token());
    await harness.act(harness.token({ kind: "anonymous", userId: "424243" }));
    expect(harness.fake.configurationReads).toBe(1);
    expect(harness.fake.accepted).toHaveLength(2);
  });

  it("reads the settings again at once when the config view says they changed", async () => {
    const harness = await start();
    await harness.act(harness.token());
    harness.fake.broadcasterSegments.set(
      CHANNEL_ID,
      saved({ chatEnabled: false, template: "{viewer} rocks" }),
    );
    const res = await settingsChanged(harness, harness.token("broadcaster"));
    expect(res.status).toBe(200);
    expect(settingsChangedResponseSchema.parse(res.body)).toEqual({
      status: "ok",
      chatEnabled: false,
      template: "{viewer} rocks",
      requiredConfigurationSet: false,
      inUse: true,
    });
    expect((await harness.post(harness.token({ kind: "anonymous", userId: "424243" }))).body.error.code).toBe(
      "chat_disabled",
    );
  });

  it("reads again until Twitch shows what the config view just set (the helper's set lands a moment later)", async () => {
    const harness = await start();
    await harness.act(harness.token());
    const content = saved({ chatEnabled: true, template: "{viewer} is here!" });
    // `then` sends the request now; the test answers the reads meanwhile.
    const answer = settingsChanged(harness, harness.token("broadcaster"), content).then((r) => r);
    await until(() => harness.fake.configurationReads >= 3);
    harness.fake.broadcasterSegments.set(CHANNEL_ID, content);
    const res = await answer;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ inUse: true, template: "{viewer} is here!" });
    const { final } = await harness.act(harness.token({ kind: "anonymous", userId: "424243" }));
    expect(final.text).toBe("A viewer is here!");
  });

  it("says the save is not in use yet when Twitch never shows it, and reads again within seconds", async () => {
    const harness = await start({ storedSaveRetryMs: [5, 5] });
    await harness.act(harness.token());
    const content = saved({ chatEnabled: true, template: "{viewer} is here!" });
    const res = await settingsChanged(harness, harness.token("broadcaster"), content);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ inUse: false, template: DEFAULT_CHAT_TEMPLATE });
    expect(harness.fake.configurationReads).toBe(4);
    expect(harness.logLines().some((l) => l.event === "settings_save_not_seen")).toBe(true);

    harness.fake.broadcasterSegments.set(CHANNEL_ID, content);
    harness.advance(10_000);
    const { final } = await harness.act(harness.token({ kind: "anonymous", userId: "424243" }));
    expect(final.text).toBe("A viewer is here!");
  });

  it("refuses a body whose content is not a string, naming what to send", async () => {
    const harness = await start();
    const res = await harness.ebs
      .post(EBS_PATHS.settingsChanged)
      .set("Authorization", `Bearer ${harness.token("broadcaster")}`)
      .send({ content: 42 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "body_invalid",
      message: expect.stringContaining('"content"'),
    });
    expect(harness.fake.configurationReads).toBe(0);
  });

  it("lets only the broadcaster say the settings changed", async () => {
    const harness = await start();
    const res = await settingsChanged(harness, harness.token());
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("role_not_allowed");
    expect(harness.fake.configurationReads).toBe(0);
  });

  it("sets the required configuration on Twitch once the broadcaster saved valid settings", async () => {
    const harness = await start({ env: { TWITCH_REQUIRED_CONFIGURATION: "hype-v1" } });
    const before = await settingsChanged(harness, harness.token("broadcaster"));
    expect(before.body.requiredConfigurationSet).toBe(false);
    expect(harness.fake.requiredConfigurations.size).toBe(0);

    harness.fake.broadcasterSegments.set(CHANNEL_ID, saved({ chatEnabled: true, template: "Go {viewer}!" }));
    const after = await settingsChanged(harness, harness.token("broadcaster"));
    expect(after.body.requiredConfigurationSet).toBe(true);
    expect(harness.fake.requiredConfigurations.get(CHANNEL_ID)).toBe("hype-v1");
  });

  it("answers 502 required_configuration_refused with Twitch's words when Twitch refuses the required configuration", async () => {
    // The fake Twitch has version 0.0.1 installed; this EBS says 0.0.2.
    const harness = await start({
      env: { TWITCH_REQUIRED_CONFIGURATION: "hype-v1", TWITCH_EXTENSION_VERSION: "0.0.2" },
    });
    harness.fake.broadcasterSegments.set(CHANNEL_ID, saved({ chatEnabled: true, template: "Go {viewer}!" }));
    const res = await settingsChanged(harness, harness.token("broadcaster"));
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe("required_configuration_refused");
    expect(res.body.error.message).toContain('Twitch said: "Missing required parameter"');
    expect(harness.fake.requiredConfigurations.size).toBe(0);
  });

  it("does not set the required configuration for settings that are not valid", async () => {
    const harness = await start({ env: { TWITCH_REQUIRED_CONFIGURATION: "hype-v1" } });
    harness.fake.broadcasterSegments.set(CHANNEL_ID, saved({ chatEnabled: true, template: "Go {name}!" }));
    const res = await settingsChanged(harness, harness.token("broadcaster"));
    expect(res.body.requiredConfigurationSet).toBe(false);
    expect(harness.fake.requiredConfigurations.size).toBe(0);
  });

  it("keeps chat working with the defaults when the Configuration Service cannot be read", async () => {
    const harness = await start();
    harness.fake.configurationsFail = true;
    const { final } = await harness.act(harness.token());
    expect(final.status).toBe("sent");
    expect(harness.fake.accepted).toHaveLength(1);
    expect(harness.logText()).toContain("settings_read_failed");
  });

  it("uses the defaults when the saved content is not readable settings", async () => {
    const harness = await start();
    harness.fake.broadcasterSegments.set(CHANNEL_ID, "{ not json");
    const { final } = await harness.act(harness.token());
    expect(final.status).toBe("sent");
  });
});
