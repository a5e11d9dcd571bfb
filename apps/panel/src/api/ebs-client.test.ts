import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  errorAnswer,
  type FakeEbs,
  queuedAnswer,
  startFakeEbs,
  statusAnswer,
  unreachableUrl,
} from "../../test/fake-ebs.ts";
import { createSettingsNotifier } from "../config/settings-notifier.ts";
import { createEbsClient } from "./ebs-client.ts";
import { EbsError } from "./ebs-error.ts";

let ebs: FakeEbs;

beforeEach(async () => {
  ebs = await startFakeEbs();
});

afterEach(async () => {
  await ebs.close();
});

async function failure(promise: Promise<unknown>): Promise<EbsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EbsError);
  return error as EbsError;
}

describe("EBS client", () => {
  it("posts {action: kind} to /api/actions with the bearer token and returns the 202 queued answer", async () => {
    ebs.answer(queuedAnswer("abc-1"));
    const client = createEbsClient({ baseUrl: `${ebs.url}/` });

    const result = await client.sendAction("viewer.token.here", "hype");

    expect(result).toEqual({ status: "queued", actionId: "abc-1", channelId: "1234" });
    expect(ebs.requests).toEqual([
      {
        method: "POST",
        path: "/api/actions",
        authorization: "Bearer viewer.token.here",
        contentType: "application/json",
        body: '{"action":"hype"}',
      },
    ]);
  });

  it("uses the fetch function it is given", async () => {
    const seen: string[] = [];
    const client = createEbsClient({
      baseUrl: ebs.url,
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });

    await client.sendAction("t.o.k", "hype");

    expect(seen).toEqual([`${ebs.url}/api/actions`]);
  });

  it("turns the EBS's error body into an EbsError with its code, status and retryAfterSeconds", async () => {
    ebs.answer(errorAnswer(429, "cooldown", 12));
    const error = await failure(createEbsClient({ baseUrl: ebs.url }).sendAction("t.o.k", "hype"));
    expect(error).toMatchObject({ code: "cooldown", status: 429, retryAfterSeconds: 12 });
  });

  it("falls back to the Retry-After header when the body gives no wait", async () => {
    ebs.answer({ ...errorAnswer(429, "twitch_rate_limited"), headers: { "Retry-After": "30" } });
    const error = await failure(createEbsClient({ baseUrl: ebs.url }).sendAction("t.o.k", "hype"));
    expect(error).toMatchObject({ code: "twitch_rate_limited", retryAfterSeconds: 30 });
  });

  it("reports a network failure as code network", async () => {
    const error = await failure(
      createEbsClient({ baseUrl: await unreachableUrl() }).sendAction("t.o.k", "hype"),
    );
    expect(error.code).toBe("network");
  });

  it("reports a body that is not JSON as code not_json", async () => {
    ebs.answer({ status: 502, text: "<html>Bad gateway</html>" });
    const error = await failure(createEbsClient({ baseUrl: ebs.url }).sendAction("t.o.k", "hype"));
    expect(error).toMatchObject({ code: "not_json", status: 502 });
  });

  it("reports a success of the wrong shape as code unexpected_response", async () => {
    ebs.answer({ status: 200, json: { ok: true } });
    const error = await failure(createEbsClient({ baseUrl: ebs.url }).sendAction("t.o.k", "hype"));
    expect(error).toMatchObject({ code: "unexpected_response", status: 200 });
  });

  it("keeps an error's code as the EBS wrote it, even one the panel does not know (a newer EBS)", async () => {
    ebs.answer(errorAnswer(418, "teapot"));
    const error = await failure(createEbsClient({ baseUrl: ebs.url }).sendAction("t.o.k", "hype"));
    expect(error).toMatchObject({ code: "teapot", status: 418 });
  });

  it("reports an error answer without a string code as code unexpected_response", async () => {
    ebs.answer({ status: 500, json: { error: { code: 7, message: "seven" } } });
    const error = await failure(createEbsClient({ baseUrl: ebs.url }).sendAction("t.o.k", "hype"));
    expect(error).toMatchObject({ code: "unexpected_response", status: 500 });
  });

  it("does not take a 200 'sent' answer for a queued action (the EBS always queues)", async () => {
    ebs.answer({ status: 200, json: { status: "sent", text: "Bo sent some hype!", channelId: "1234" } });
    const error = await failure(createEbsClient({ baseUrl: ebs.url }).sendAction("t.o.k", "hype"));
    expect(error).toMatchObject({ code: "unexpected_response", status: 200 });
  });

  it("asks GET /api/actions/:id with the bearer token for a queued action's status", async () => {
    ebs.answer(statusAnswer({ actionId: "abc/1", status: "sent", text: "Ana sent some hype!" }));
    const status = await createEbsClient({ baseUrl: ebs.url }).actionStatus("t.o.k", "abc/1");
    expect(status).toEqual({ actionId: "abc/1", status: "sent", text: "Ana sent some hype!" });
    expect(ebs.requests).toMatchObject([
      { method: "GET", path: "/api/actions/abc%2F1", authorization: "Bearer t.o.k" },
    ]);
  });

  it("turns an error answer to a status request into an EbsError", async () => {
    ebs.answer(errorAnswer(404, "not_found"));
    const error = await failure(createEbsClient({ baseUrl: ebs.url }).actionStatus("t.o.k", "x"));
    expect(error).toMatchObject({ code: "not_found", status: 404 });
  });

  it("tells the EBS the settings changed with POST /api/settings/changed, the broadcaster's token and the saved content", async () => {
    const answer = {
      status: "ok",
      chatEnabled: false,
      template: "Go {viewer}!",
      requiredConfigurationSet: true,
      inUse: true,
    };
    ebs.answer({ status: 200, json: answer });
    const content = JSON.stringify({ version: 1, chatEnabled: false, template: "Go {viewer}!" });
    const result = await createSettingsNotifier(createEbsClient({ baseUrl: ebs.url })).settingsChanged(
      "b.r.o",
      content,
    );
    expect(result).toEqual(answer);
    expect(ebs.requests).toMatchObject([
      {
        method: "POST",
        path: "/api/settings/changed",
        authorization: "Bearer b.r.o",
        body: JSON.stringify({ content }),
      },
    ]);
  });
});
