// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFaultControl } from "./fault-control.ts";

let calls: { method: string; url: string; body: unknown }[];
let faults: { chatFailureRate: number; kinds: string[] };

beforeEach(() => {
  calls = [];
  faults = { chatFailureRate: 0.25, kinds: ["500", "503", "timeout", "reset"] };
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url, body });
    if (method === "PATCH") faults = { ...faults, ...(body as object) };
    return Response.json(faults);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the rig UI's Twitch failures control", () => {
  it("shows the faults in force, even a share it has no option for", async () => {
    const select = createFaultControl(() => {});
    await settled();
    expect(calls).toEqual([{ method: "GET", url: "/rig/api/faults", body: undefined }]);
    expect(select.value).toBe("0.25");
    expect(select.selectedOptions[0]?.textContent).toBe("25%");
  });

  it("sets the share of failing chat calls with PATCH /rig/api/faults", async () => {
    const select = createFaultControl(() => {});
    await settled();
    select.value = "1";
    select.dispatchEvent(new Event("change"));
    await settled();
    expect(calls.at(-1)).toEqual({ method: "PATCH", url: "/rig/api/faults", body: { chatFailureRate: 1 } });
    expect(select.value).toBe("1");
  });

  it("reports a change the rig refused", async () => {
    const reports: string[] = [];
    const select = createFaultControl((what, error) => reports.push(`${what}: ${String(error)}`));
    await settled();
    vi.stubGlobal("fetch", async () => Response.json({ message: "no" }, { status: 400 }));
    select.value = "0.3";
    select.dispatchEvent(new Event("change"));
    await settled();
    await settled();
    expect(reports).toEqual([expect.stringMatching(/^Twitch failures: Error: PATCH \/faults: 400/)]);
  });
});
