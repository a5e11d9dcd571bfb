import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrowserRoutes } from "./routes.ts";

let server: ReturnType<ReturnType<typeof express>["listen"]>;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(createBrowserRoutes());
  server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("the rig's browser files", () => {
  it("serves the mock helper as a bundled script any localhost page may load", async () => {
    const response = await fetch(`${base}/rig/twitch-ext.js`, {
      headers: { Origin: "http://localhost:8080" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const code = await response.text();
    expect(code.trimStart()).toMatch(/^"use strict";\s*\(\(\) => \{|^\(\(\) => \{/);
    expect(code).toContain("twitch-ext-rig");
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\beval\(|new Function\(/);
  });

  it("serves the same cached bundle on the next request", async () => {
    const first = await (await fetch(`${base}/rig/twitch-ext.js`)).text();
    const second = await (await fetch(`${base}/rig/twitch-ext.js`)).text();
    expect(second).toBe(first);
  });

  it("serves the rig UI page, which loads its script and styles from the rig without inline code", async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<script src="/rig/ui.js" defer></script>');
    expect(html).toContain('<link rel="stylesheet" href="/rig/ui.css" />');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it("serves the rig UI's bundled script and its styles", async () => {
    const js = await fetch(`${base}/rig/ui.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    const code = await js.text();
    expect(code).toContain("rig-chat-message");
    expect(code).toContain("/rig/api/events");

    const css = await fetch(`${base}/rig/ui.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await css.text()).toContain(".chat-message");
  });
});
