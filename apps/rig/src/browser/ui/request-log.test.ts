// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { createRequestLog } from "./request-log.ts";

describe("rig UI request log", () => {
  it("shows each call newest first, with the refusal's code and diagnosis highlighted", () => {
    const log = createRequestLog();
    log.replace([
      { id: "1", at: "2026-02-01T10:00:00Z", method: "POST", path: "/helix/extensions/chat", status: 204 },
      {
        id: "2",
        at: "2026-02-01T10:00:05Z",
        method: "POST",
        path: "/helix/extensions/chat",
        status: 401,
        code: "chat_not_granted",
        diagnosis: "The broadcaster has not granted chat: grant it in the Creator Dashboard.",
      },
    ]);
    log.receive({ id: "2", at: "2026-02-01T10:00:05Z", method: "POST", path: "/x", status: 401 });

    const entries = [...log.element.querySelectorAll<HTMLElement>('[data-testid="rig-log-entry"]')];
    expect(log.element.dataset.testid).toBe("rig-log");
    expect(entries.map((e) => [e.dataset.status, e.dataset.code])).toEqual([
      ["401", "chat_not_granted"],
      ["204", ""],
    ]);
    expect(entries[0]?.classList.contains("is-refused")).toBe(true);
    expect(entries[0]?.textContent).toContain("The broadcaster has not granted chat");
    expect(entries[1]?.querySelector(".log-diagnosis")).toBeNull();
  });

  it("marks a call the rig failed on purpose with the fault and what it did", () => {
    const log = createRequestLog();
    log.receive({
      id: "1",
      at: "2026-02-01T10:00:00Z",
      method: "POST",
      path: "/helix/extensions/chat",
      status: 0,
      fault: "timeout",
    });
    const entry = log.element.querySelector<HTMLElement>('[data-testid="rig-log-entry"]');
    expect(entry?.dataset.fault).toBe("timeout");
    expect(entry?.querySelector(".log-status")?.textContent).toBe("—");
    expect(entry?.querySelector(".log-diagnosis")?.textContent).toMatch(
      /fault timeout.*Left unanswered on purpose/,
    );
  });

  it("says what a PubSub call carried and what Get Streams answered, refused calls too", () => {
    const log = createRequestLog();
    log.replace([
      {
        id: "1",
        at: "2026-02-01T10:00:00Z",
        method: "POST",
        path: "/helix/extensions/pubsub",
        status: 204,
        pubsub: { targets: ["broadcast"], bytes: 312 },
      },
      {
        id: "2",
        at: "2026-02-01T10:00:01Z",
        method: "POST",
        path: "/helix/extensions/pubsub",
        status: 401,
        code: "pubsub_perms_not_object",
        diagnosis: "The JWT's pubsub_perms is an array, not an object with a send array.",
        pubsub: { targets: ["whisper-U1"] },
      },
      {
        id: "3",
        at: "2026-02-01T10:00:02Z",
        method: "GET",
        path: "/helix/streams?user_id=41000001",
        status: 200,
        streams: { asked: 1, live: [] },
      },
    ]);
    const entries = [...log.element.querySelectorAll<HTMLElement>('[data-testid="rig-log-entry"]')];
    const details = entries.map((e) => e.querySelector('[data-testid="rig-log-detail"]')?.textContent);
    expect(details).toEqual([
      "Get Streams for 1 channel(s) · none live",
      "PubSub to whisper-U1",
      "PubSub to broadcast · 312 bytes",
    ]);
    expect(entries[1]?.querySelector(".log-diagnosis")?.textContent).toContain("pubsub_perms is an array");
  });
});
