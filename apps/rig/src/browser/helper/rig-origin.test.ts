import { describe, expect, it } from "vitest";
import { rigBaseFromScript, rigOrigins } from "./rig-origin.ts";

describe("where the helper finds the rig", () => {
  it("takes the rig's origin from its own script src, not from the panel page", () => {
    expect(
      rigBaseFromScript({ src: "http://localhost:8090/rig/twitch-ext.js" }, "http://localhost:8080/"),
    ).toBe("http://localhost:8090");
    expect(rigBaseFromScript(null, "http://localhost:8080/index.html")).toBe("http://localhost:8080");
  });

  it("accepts the rig UI under any loopback name on the rig's port, and only its exact origin elsewhere", () => {
    expect(rigOrigins("http://localhost:8090")).toEqual([
      "http://localhost:8090",
      "http://127.0.0.1:8090",
      "http://[::1]:8090",
    ]);
    expect(rigOrigins("http://127.0.0.1:8090")[0]).toBe("http://127.0.0.1:8090");
    expect(rigOrigins("https://rig.example.test")).toEqual(["https://rig.example.test"]);
  });
});
