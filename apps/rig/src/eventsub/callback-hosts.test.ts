import { describe, expect, it } from "vitest";
import { parseEventSubHosts } from "./callback-hosts.ts";

describe("RIG_EVENTSUB_HOSTS", () => {
  it("lists nothing when unset or blank", () => {
    expect(parseEventSubHosts(undefined)).toEqual({ hosts: [] });
    expect(parseEventSubHosts(" , ")).toEqual({ hosts: [] });
  });

  it("reads comma-separated hostnames as URL.hostname writes them, leaving out this machine's", () => {
    expect(parseEventSubHosts("My-Tunnel.example.com, 192.168.1.20,[2001:db8::1],localhost")).toEqual({
      hosts: ["my-tunnel.example.com", "192.168.1.20", "[2001:db8::1]"],
    });
    expect(parseEventSubHosts("2001:DB8::2, ::1")).toEqual({ hosts: ["[2001:db8::2]"] });
  });

  it("refuses anything that is not a bare hostname, naming it", () => {
    for (const value of [
      "https://my-tunnel.example.com",
      "my-tunnel.example.com:443",
      "my-tunnel.example.com/eventsub",
      "user@my-tunnel.example.com",
      "a b",
      "0x7f.1",
    ]) {
      const parsed = parseEventSubHosts(value);
      expect("error" in parsed && parsed.error, value).toMatch(/bare hostnames/);
    }
    const many = Array.from({ length: 21 }, (_, i) => `h${i}.example`).join(",");
    expect(parseEventSubHosts(many)).toEqual({ error: expect.stringMatching(/at most 20/) });
  });
});
