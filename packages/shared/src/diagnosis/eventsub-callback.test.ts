import { describe, expect, it } from "vitest";
import { diagnoseEventSubCallback, EVENTSUB_CALLBACK_MAX } from "./eventsub-callback.ts";

const rig = { allowedHosts: ["tunnel.example.com"] };
const TWITCH_MESSAGE = "callback must provide valid https callback with standard port in creation request";

/** The refusal's code and Twitch message, or the accepted URL and whether it carries a warning. */
function judge(callback: unknown, inRig = true) {
  const verdict = diagnoseEventSubCallback(callback, inRig ? rig : undefined);
  return verdict.ok
    ? { callback: verdict.callback, warned: verdict.warning !== undefined }
    : { code: verdict.code, message: verdict.twitchMessage, diagnosis: verdict.diagnosis };
}

describe("diagnoseEventSubCallback as Twitch judges a callback", () => {
  it("takes https on the standard port, written or not, on any host", () => {
    expect(judge("https://ebs.example.com/eventsub", false)).toEqual({
      callback: "https://ebs.example.com/eventsub",
      warned: false,
    });
    expect(judge("https://ebs.example.com:443/eventsub", false)).toEqual({
      callback: "https://ebs.example.com/eventsub",
      warned: false,
    });
  });

  it("quotes what it refused, clipped, and null for no callback", () => {
    expect(judge(undefined, false)).toMatchObject({ diagnosis: expect.stringMatching(/, got null\.$/) });
    expect(judge("ftp://x.example/e", false)).toMatchObject({
      diagnosis: expect.stringMatching(
        /like "https:\/\/ebs\.example\.com\/eventsub", got "ftp:\/\/x\.example\/e"\.$/,
      ),
    });
    const long = `ftp://x.example/${"a".repeat(200)}`;
    expect(judge(long, false)).toMatchObject({
      diagnosis: expect.stringContaining(`got ${JSON.stringify(long).slice(0, 80)}.`),
    });
  });

  it("refuses a callback that is not a string even when it would read as a URL", () => {
    for (const callback of [
      ["https://ebs.example.com/eventsub"],
      { href: "https://ebs.example.com/" },
      443,
    ]) {
      expect(judge(callback, false)).toMatchObject({
        code: "eventsub_callback_invalid",
        message: TWITCH_MESSAGE,
      });
      expect(judge(callback)).toMatchObject({ code: "eventsub_callback_invalid" });
    }
  });

  it("refuses http, another port and other schemes with the message Twitch answers", () => {
    for (const callback of [
      "http://ebs.example.com/eventsub",
      "https://ebs.example.com:8443/eventsub",
      "http://127.0.0.1:8081/eventsub",
      "ftp://ebs.example.com/eventsub",
      "not a url",
      5,
      undefined,
    ]) {
      expect(judge(callback, false), String(callback)).toMatchObject({
        code: "eventsub_callback_invalid",
        message: TWITCH_MESSAGE,
      });
    }
  });
});

describe("diagnoseEventSubCallback in the rig: this machine, or hosts the developer listed", () => {
  it("takes http on any port of localhost, 127.0.0.1 and [::1], warning that Twitch would not", () => {
    for (const callback of [
      "http://localhost:8081/eventsub",
      "http://127.0.0.1:1/x",
      "http://[::1]:9000/eventsub",
      "http://[0:0:0:0:0:0:0:1]:9000/eventsub",
      "https://localhost:8443/eventsub",
    ]) {
      expect(judge(callback), callback).toMatchObject({ warned: true });
    }
    const verdict = diagnoseEventSubCallback("http://127.0.0.1:8081/eventsub", rig);
    expect(verdict.ok && verdict.warning).toMatch(/Twitch requires https on port 443/);
    expect(judge("https://localhost/eventsub")).toEqual({
      callback: "https://localhost/eventsub",
      warned: false,
    });
  });

  it("judges the URL as parsed, so odd spellings of this machine are this machine and nothing else", () => {
    expect(judge("http://0x7f.0.0.1:8081/e")).toEqual({ callback: "http://127.0.0.1:8081/e", warned: true });
    expect(judge("http://LOCALHOST:8081/e")).toEqual({ callback: "http://localhost:8081/e", warned: true });
    for (const callback of [
      "http://localhost.evil.example:8081/e",
      "http://127.0.0.1.nip.io:8081/e",
      "http://[::ffff:127.0.0.1]:8081/e",
      "http://0.0.0.0:8081/e",
      "http://10.0.0.1/e",
    ]) {
      expect(judge(callback), callback).toMatchObject({ code: "eventsub_callback_invalid" });
    }
  });

  it("refuses another host unless listed, and says how to list it", () => {
    const refused = judge("https://ebs.example.com/eventsub");
    expect(refused).toMatchObject({ code: "eventsub_callback_host_not_allowed" });
    expect("diagnosis" in refused && refused.diagnosis).toMatch(/RIG_EVENTSUB_HOSTS=ebs\.example\.com/);
    expect(judge("https://tunnel.example.com/eventsub")).toEqual({
      callback: "https://tunnel.example.com/eventsub",
      warned: false,
    });
    expect(refused).toMatchObject({ message: "invalid transport callback" });
    for (const callback of [
      "http://tunnel.example.com/eventsub",
      "https://tunnel.example.com:8443/eventsub",
    ]) {
      expect(judge(callback)).toMatchObject({
        message: TWITCH_MESSAGE,
        diagnosis: expect.stringMatching(
          /no other port, no http\); the rig also takes http on any port of localhost/,
        ),
      });
      expect(judge(callback, false)).toMatchObject({
        diagnosis: `transport.callback must be https on port 443 (no other port, no http), got ${JSON.stringify(callback)}.`,
      });
    }
  });

  it("refuses a user or password in the URL, even on this machine", () => {
    for (const callback of [
      "http://user:pw@127.0.0.1:8081/e",
      "http://:pw@127.0.0.1:8081/e",
      "http://user@localhost:8081/e",
      "https://a@tunnel.example.com/e",
    ]) {
      expect(judge(callback), callback).toMatchObject({
        code: "eventsub_callback_invalid",
        message: "invalid transport callback",
        diagnosis: expect.stringMatching(/carries a user name or password/),
      });
      expect(JSON.stringify(judge(callback))).not.toContain("pw");
    }
  });

  it("refuses other schemes on this machine too, saying the rig takes http on localhost", () => {
    for (const callback of [
      "ftp://127.0.0.1:8081/e",
      "ws://localhost:8081/e",
      "file:///etc/passwd",
      "gopher://[::1]:70/",
    ]) {
      expect(judge(callback), callback).toMatchObject({
        code: "eventsub_callback_invalid",
        message: TWITCH_MESSAGE,
        diagnosis: expect.stringMatching(/\(or, in the rig, http on localhost\)/),
      });
    }
    expect(judge("ftp://127.0.0.1:8081/e", false)).not.toMatchObject({
      diagnosis: expect.stringMatching(/in the rig/),
    });
  });

  it(`refuses a callback longer than ${EVENTSUB_CALLBACK_MAX} characters without quoting it`, () => {
    const long = `http://127.0.0.1:8081/${"a".repeat(EVENTSUB_CALLBACK_MAX)}`;
    const refused = judge(long);
    expect(refused).toMatchObject({
      code: "eventsub_callback_invalid",
      message: "invalid transport callback",
      diagnosis: expect.stringMatching(
        new RegExp(`is ${long.length} characters long: keep it under ${EVENTSUB_CALLBACK_MAX}`),
      ),
    });
    expect(JSON.stringify(refused).length).toBeLessThan(600);
    expect(judge(long.slice(0, EVENTSUB_CALLBACK_MAX))).toMatchObject({ warned: true });
  });
});
