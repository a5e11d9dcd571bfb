import { randomBytes } from "node:crypto";
import { DEV_CONFIG } from "@ext/shared/dev-extension";
import { describe, expect, it } from "vitest";
import { checkEnvironment, hasProblem } from "./config-checks.ts";
import { formatChecks } from "./format.ts";

const extensionSecret = randomBytes(32).toString("base64");
const clientSecret = "oauthclientsecret0123456789abc";
const good = {
  TWITCH_CLIENT_ID: DEV_CONFIG.extension.clientId,
  TWITCH_EXTENSION_VERSION: "0.0.1",
  TWITCH_OWNER_ID: "90000001",
  TWITCH_EXTENSION_SECRET: extensionSecret,
  TWITCH_CLIENT_SECRET: clientSecret,
  TWITCH_API_BASE: "http://localhost:8090",
  TWITCH_AUTH_BASE: "http://localhost:8090",
};

function problemsOf(env: Record<string, string | undefined>) {
  return checkEnvironment(env).filter((c) => c.status === "problem");
}

function only(env: Record<string, string | undefined>) {
  const problems = problemsOf(env);
  expect(problems).toHaveLength(1);
  return problems[0] as NonNullable<(typeof problems)[0]>;
}

describe("doctor's config checks", () => {
  it("finds nothing wrong with a correct configuration, and says the first secret signs", () => {
    const checks = checkEnvironment(good);
    expect(hasProblem(checks)).toBe(false);
    expect(checks.find((c) => c.variable === "TWITCH_EXTENSION_SECRET")?.message).toMatch(
      /decodes from base64 to 32 bytes.*This one signs/,
    );
    expect(formatChecks(checks)).toContain("No problem found");
  });

  it("names the OAuth client secret pasted as the extension secret, and where the right one is", () => {
    const p = only({ ...good, TWITCH_EXTENSION_SECRET: "abcdefghijklmnopqrstuvwxyz0123" });
    expect(p.variable).toBe("TWITCH_EXTENSION_SECRET");
    expect(p.message).toMatch(/OAuth Client Secret/);
    expect(p.fix).toMatch(/Settings → Secret Keys/);
  });

  it("names the extension secret pasted as the client secret", () => {
    const p = only({ ...good, TWITCH_CLIENT_SECRET: randomBytes(32).toString("base64") });
    expect(p.variable).toBe("TWITCH_CLIENT_SECRET");
    expect(p.message).toMatch(/looks like an Extension Secret/);
    expect(p.fix).toMatch(/TWITCH_EXTENSION_SECRET/);
  });

  it("says the two secrets are swapped when each is in the other's variable", () => {
    const problems = problemsOf({
      ...good,
      TWITCH_EXTENSION_SECRET: clientSecret,
      TWITCH_CLIENT_SECRET: extensionSecret,
    });
    const swap = problems.find((p) => p.variable.includes("/"));
    expect(swap?.message).toMatch(/are swapped/);
    expect(swap?.fix).toBe("Exchange the two values.");
  });

  it("catches the same value in the client id and the client secret (one pasted twice)", () => {
    const p = only({ ...good, TWITCH_CLIENT_SECRET: good.TWITCH_CLIENT_ID });
    expect(p.variable).toBe("TWITCH_CLIENT_ID");
    expect(p.message).toMatch(/same value as TWITCH_CLIENT_SECRET/);
  });

  it("recognises an extension secret pasted as the client id", () => {
    const p = only({ ...good, TWITCH_CLIENT_ID: randomBytes(32).toString("base64") });
    expect(p.message).toMatch(/Extension Secret, not the Client ID/);
  });

  it("reports every bad secret of a rotation list by its position", () => {
    const problems = problemsOf({ ...good, TWITCH_EXTENSION_SECRET: `${extensionSecret},not base64!` });
    expect(problems.map((p) => p.variable)).toEqual(["TWITCH_EXTENSION_SECRET #2"]);
    expect(problems[0]?.message).toMatch(/not valid base64/);
  });

  it("refuses a login name as the owner id and asks for the numeric id", () => {
    const p = only({ ...good, TWITCH_OWNER_ID: "hype_dev" });
    expect(p.message).toMatch(/login name/);
    expect(p.fix).toMatch(/\/helix\/users\?login=/);
  });

  it("explains a wrong version format with the corrected string", () => {
    expect(only({ ...good, TWITCH_EXTENSION_VERSION: "v1.2.3" }).fix).toBe('Write "1.2.3" without the "v".');
    expect(only({ ...good, TWITCH_EXTENSION_VERSION: "1.0" }).fix).toBe("Write three numbers, like 1.0.0.");
  });

  it("refuses an API base with a path, naming the removed v5 API", () => {
    const p = only({ ...good, TWITCH_API_BASE: "https://api.twitch.tv/kraken" });
    expect(p.message).toMatch(/removed v5 API/);
    expect(p.fix).toMatch(/https:\/\/api\.twitch\.tv/);
    expect(only({ ...good, TWITCH_API_BASE: "https://api.twitch.tv/helix" }).fix).toMatch(
      /origin only: https:\/\/api\.twitch\.tv/,
    );
  });

  it("says whether the API base is real Twitch or a local stand-in", () => {
    const api = (v: string) =>
      checkEnvironment({ ...good, TWITCH_API_BASE: v }).find((c) => c.variable === "TWITCH_API_BASE");
    expect(api("https://api.twitch.tv")?.message).toMatch(/real Twitch/);
    expect(api("http://localhost:8090")?.message).toMatch(/local stand-in/);
    expect(api("http://example.com")?.status).toBe("problem");
  });

  it("reports every problem at once, including ones only the EBS's parser knows (PORT)", () => {
    const problems = problemsOf({
      TWITCH_EXTENSION_SECRET: "abcdefghijklmnopqrstuvwxyz0123",
      TWITCH_EXTENSION_VERSION: "1.0",
      TWITCH_OWNER_ID: "someone",
      PORT: "99999",
    });
    expect(problems.map((p) => p.variable)).toEqual([
      "TWITCH_CLIENT_ID",
      "TWITCH_EXTENSION_SECRET",
      "TWITCH_OWNER_ID",
      "TWITCH_EXTENSION_VERSION",
      "PORT",
    ]);
    expect(formatChecks(checkEnvironment({}))).toMatch(/\d problems found/);
  });

  it("judges EVENTSUB_CALLBACK_URL as Twitch does: a warning for the rig's http on this machine, a problem elsewhere", () => {
    const withSecret = { ...good, EVENTSUB_SECRET: "a-webhook-secret-of-some-length" };
    const rigCallback = checkEnvironment({
      ...withSecret,
      EVENTSUB_CALLBACK_URL: "http://127.0.0.1:8081/eventsub",
    });
    expect(hasProblem(rigCallback)).toBe(false);
    const warning = rigCallback.find((c) => c.variable === "EVENTSUB_CALLBACK_URL");
    expect(warning?.status).toBe("warning");
    expect(warning?.message).toMatch(
      /the rig takes it.*Twitch would refuse it \("callback must provide valid https/,
    );

    const onTwitch = { ...withSecret, TWITCH_API_BASE: undefined, TWITCH_AUTH_BASE: undefined };
    const httpOnTwitch = only({ ...onTwitch, EVENTSUB_CALLBACK_URL: "http://ebs.example.com/eventsub" });
    expect(httpOnTwitch.variable).toBe("EVENTSUB_CALLBACK_URL");
    expect(httpOnTwitch.message).toMatch(/https on port 443/);
    expect(httpOnTwitch.fix).toMatch(/ending in \/eventsub/);
    expect(
      only({ ...onTwitch, EVENTSUB_CALLBACK_URL: "https://ebs.example.com:8443/eventsub" }).message,
    ).toMatch(/port 443/);
    expect(only({ ...onTwitch, EVENTSUB_CALLBACK_URL: "ftp://ebs.example.com/eventsub" }).message).toMatch(
      /https URL/,
    );

    const fine = checkEnvironment({ ...onTwitch, EVENTSUB_CALLBACK_URL: "https://ebs.example.com/eventsub" });
    expect(fine.filter((c) => c.variable === "EVENTSUB_CALLBACK_URL")).toEqual([]);
    const otherPath = checkEnvironment({
      ...onTwitch,
      EVENTSUB_CALLBACK_URL: "https://ebs.example.com/hooks/twitch",
    });
    expect(hasProblem(otherPath)).toBe(false);
    expect(otherPath.find((c) => c.variable === "EVENTSUB_CALLBACK_URL")?.message).toMatch(
      /ends in \/hooks\/twitch: the EBS takes deliveries at \/eventsub/,
    );
  });
});
