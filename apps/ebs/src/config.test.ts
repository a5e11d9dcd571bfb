import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.ts";

const secret = randomBytes(32).toString("base64");
const valid = {
  TWITCH_CLIENT_ID: "abc123clientid",
  TWITCH_EXTENSION_VERSION: "0.0.1",
  TWITCH_OWNER_ID: "90001",
  TWITCH_EXTENSION_SECRET: secret,
};

function problemsOf(env: Record<string, string | undefined>) {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems, message: error.message };
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("fills the defaults and allows the extension's own origin first", () => {
    const config = parseConfig(valid);
    expect(config).toMatchObject({
      clientId: "abc123clientid",
      apiBase: "https://api.twitch.tv",
      authBase: "https://id.twitch.tv",
      port: 8081,
      host: "127.0.0.1",
      clientSecret: undefined,
      allowedOrigins: ["https://abc123clientid.ext-twitch.tv"],
      logLevel: "info",
      viewerCooldownSeconds: 10,
      twitchTimeoutMs: 5000,
      shutdownDrainMs: 10_000,
    });
    expect(config.secrets.secrets).toHaveLength(1);
  });

  it("reads several comma-separated secrets, extra origins and the rig's base URLs", () => {
    const other = randomBytes(32).toString("base64");
    const config = parseConfig({
      ...valid,
      TWITCH_EXTENSION_SECRET: `${secret}, ${other}`,
      ALLOWED_ORIGINS: "http://localhost:8080/, http://localhost:8090",
      TWITCH_API_BASE: "http://localhost:8090/",
      PORT: "9000",
      NODE_ENV: "production",
    });
    expect(config.secrets.secrets.map((s) => s.index)).toEqual([0, 1]);
    expect(config.allowedOrigins).toEqual([
      "https://abc123clientid.ext-twitch.tv",
      "http://localhost:8080",
      "http://localhost:8090",
    ]);
    expect(config.apiBase).toBe("http://localhost:8090");
    expect(config.port).toBe(9000);
    expect(config.host).toBe("0.0.0.0");
  });

  it("recognises the OAuth client secret pasted as the extension secret, in Twitch's words", () => {
    const { problems, message } = problemsOf({
      ...valid,
      TWITCH_EXTENSION_SECRET: "abcdefghijklmnopqrstuvwxyz0123",
    });
    expect(problems.map((p) => p.variable)).toEqual(["TWITCH_EXTENSION_SECRET"]);
    expect(message).toMatch(/TWITCH_EXTENSION_SECRET: .*OAuth Client Secret/);
    expect(message).toContain("Settings → Secret Keys");
  });

  it("refuses an extension secret that is not base64", () => {
    const { message } = problemsOf({ ...valid, TWITCH_EXTENSION_SECRET: "this is not base64!" });
    expect(message).toMatch(/TWITCH_EXTENSION_SECRET: The extension secret is not valid base64/);
  });

  it("says which of several secrets is wrong", () => {
    const { message } = problemsOf({ ...valid, TWITCH_EXTENSION_SECRET: `${secret},nope!` });
    expect(message).toMatch(/TWITCH_EXTENSION_SECRET: Secret #2: /);
  });

  it("refuses an owner id that is not a number, and says where to find it", () => {
    const { problems, message } = problemsOf({ ...valid, TWITCH_OWNER_ID: "my_login" });
    expect(problems.map((p) => p.variable)).toEqual(["TWITCH_OWNER_ID"]);
    expect(message).toMatch(/TWITCH_OWNER_ID: must be the extension owner's Twitch user id, digits only/);
    expect(message).toContain("Owner");
  });

  it("refuses a version Twitch would not know", () => {
    const { message } = problemsOf({ ...valid, TWITCH_EXTENSION_VERSION: "v1.0" });
    expect(message).toMatch(/TWITCH_EXTENSION_VERSION: .*"0\.0\.1"/);
  });

  it("lists every missing variable at once", () => {
    const { problems } = problemsOf({});
    expect(problems.map((p) => p.variable)).toEqual([
      "TWITCH_CLIENT_ID",
      "TWITCH_EXTENSION_VERSION",
      "TWITCH_OWNER_ID",
      "TWITCH_EXTENSION_SECRET",
    ]);
    expect(problems.every((p) => p.message.startsWith("missing:"))).toBe(true);
  });

  it.each([
    ["ALLOWED_ORIGINS", "localhost:8080", /is not an origin/],
    ["ALLOWED_ORIGINS", "http://localhost:8080/panel", /is not an origin/],
    ["TWITCH_API_BASE", "api.twitch.tv", /http\(s\) origin/],
    ["PORT", "eighty", /port number/],
    ["PORT", "70000", /port number/],
    ["LOG_LEVEL", "loud", /./],
    ["VIEWER_COOLDOWN_SECONDS", "ten", /number of seconds/],
    ["VIEWER_COOLDOWN_SECONDS", "-1", /./],
    ["TWITCH_TIMEOUT_MS", "5", /./],
  ])("refuses %s=%s", (variable, value, message) => {
    const { problems } = problemsOf({ ...valid, [variable]: value });
    expect(problems.map((p) => p.variable)).toEqual([variable]);
    expect(problems[0]?.message).toMatch(message);
  });
});

describe("REDIS_URL", () => {
  it("is absent by default: queues stay in memory", () => {
    expect(parseConfig(valid).redisUrl).toBeUndefined();
    expect(parseConfig({ ...valid, REDIS_URL: "" }).redisUrl).toBeUndefined();
  });

  it("accepts redis:// and rediss:// URLs", () => {
    expect(parseConfig({ ...valid, REDIS_URL: "redis://127.0.0.1:6379" }).redisUrl).toBe(
      "redis://127.0.0.1:6379",
    );
    expect(parseConfig({ ...valid, REDIS_URL: "rediss://:pw@cache.example:6380/2" }).redisUrl).toBe(
      "rediss://:pw@cache.example:6380/2",
    );
  });

  it("refuses a value that is not a Redis URL, with an example of one", () => {
    for (const bad of ["127.0.0.1:6379", "http://127.0.0.1:6379", "redis://"]) {
      const { problems } = problemsOf({ ...valid, REDIS_URL: bad });
      expect(problems).toEqual([
        { variable: "REDIS_URL", message: expect.stringContaining("redis://127.0.0.1:6379") },
      ]);
    }
  });
});

describe("Bits: EVENTSUB_CALLBACK_URL, EVENTSUB_SECRET and BITS_RECONCILE_SECONDS", () => {
  it("has no EventSub and reconciles every 5 minutes by default", () => {
    const config = parseConfig(valid);
    expect(config.eventSub).toBeUndefined();
    expect(config.bitsReconcileMs).toBe(300_000);
  });

  it("takes the callback and the secret together", () => {
    const config = parseConfig({
      ...valid,
      EVENTSUB_CALLBACK_URL: "https://ebs.example.com/eventsub",
      EVENTSUB_SECRET: "0123456789abcdef",
      BITS_RECONCILE_SECONDS: "0",
    });
    expect(config.eventSub).toEqual({
      callbackUrl: "https://ebs.example.com/eventsub",
      secret: "0123456789abcdef",
    });
    expect(config.bitsReconcileMs).toBe(0);
  });

  it("refuses one without the other, a secret Twitch would refuse, and a callback that is not a URL", () => {
    expect(problemsOf({ ...valid, EVENTSUB_SECRET: "0123456789abcdef" }).problems).toEqual([
      expect.objectContaining({ variable: "EVENTSUB_CALLBACK_URL", message: expect.stringMatching(/both/) }),
    ]);
    expect(
      problemsOf({ ...valid, EVENTSUB_CALLBACK_URL: "https://x.example/eventsub", EVENTSUB_SECRET: "short" })
        .problems,
    ).toEqual([
      expect.objectContaining({ variable: "EVENTSUB_SECRET", message: expect.stringMatching(/10 to 100/) }),
    ]);
    expect(
      problemsOf({ ...valid, EVENTSUB_CALLBACK_URL: "ftp://x", EVENTSUB_SECRET: "0123456789abcdef" })
        .problems,
    ).toEqual([expect.objectContaining({ variable: "EVENTSUB_CALLBACK_URL" })]);
    expect(problemsOf({ ...valid, BITS_RECONCILE_SECONDS: "-1" }).problems).toEqual([
      expect.objectContaining({ variable: "BITS_RECONCILE_SECONDS" }),
    ]);
  });

  it("sweeps the Bits claims never queued every 10 s by default, 1 s at the least", () => {
    expect(parseConfig(valid).bitsSweepMs).toBe(10_000);
    expect(parseConfig({ ...valid, BITS_SWEEP_SECONDS: "1" }).bitsSweepMs).toBe(1000);
    expect(problemsOf({ ...valid, BITS_SWEEP_SECONDS: "0" }).problems).toEqual([
      expect.objectContaining({
        variable: "BITS_SWEEP_SECONDS",
        message: "must be between 1 and 3600 seconds.",
      }),
    ]);
  });
});
