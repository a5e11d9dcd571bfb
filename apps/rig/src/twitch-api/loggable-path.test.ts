import type { Request } from "express";
import { describe, expect, it } from "vitest";
import { loggablePath, loggableUrl } from "./loggable-path.ts";

const path = (originalUrl: string) => loggablePath({ originalUrl } as Request);

describe("loggablePath", () => {
  it("redacts the value of every query parameter that names a secret, a token, a code or an assertion", () => {
    expect(path("/oauth2/token?client_id=abc&client_secret=s3cr3t&grant_type=client_credentials")).toBe(
      "/oauth2/token?client_id=abc&client_secret=[redacted]&grant_type=client_credentials",
    );
    expect(path("/x?access_token=t&code=c&password=p&client_assertion=a")).toBe(
      "/x?access_token=[redacted]&code=[redacted]&password=[redacted]&client_assertion=[redacted]",
    );
  });

  it("keeps a path without a sensitive parameter as it came", () => {
    expect(path("/helix/extensions/chat?broadcaster_id=41000001")).toBe(
      "/helix/extensions/chat?broadcaster_id=41000001",
    );
    expect(path("/helix/users")).toBe("/helix/users");
  });
});

describe("loggableUrl", () => {
  it("redacts a webhook callback's sensitive query values and keeps the rest", () => {
    expect(loggableUrl("http://127.0.0.1:9000/eventsub?token=abc&x=1")).toBe(
      "http://127.0.0.1:9000/eventsub?token=[redacted]&x=1",
    );
    expect(loggableUrl("https://ebs.example/eventsub")).toBe("https://ebs.example/eventsub");
  });
});
