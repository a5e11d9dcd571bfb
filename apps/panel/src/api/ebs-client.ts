import {
  type ActionQueued,
  type ActionRequest,
  type ActionStatus,
  actionQueuedSchema,
  actionStatusPath,
  actionStatusSchema,
  apiErrorSchema,
  EBS_PATHS,
  type SettingsChangedRequest,
  type SettingsChangedResponse,
  settingsChangedResponseSchema,
} from "@ext/shared";
import type * as z from "zod/mini";
import { EbsError } from "./ebs-error.ts";

export interface EbsClient {
  /**
   * Sends a viewer's action of `kind` (e.g. `"hype"`), as the viewer holding `token`: the EBS queues it
   * (202) and `actionStatus` says what became of it. Throws `EbsError`.
   */
  sendAction(token: string, kind: ActionRequest["action"]): Promise<ActionQueued>;
  /** What became of a queued action; the EBS holds the answer (long-poll) while it is still queued. */
  actionStatus(token: string, actionId: string): Promise<ActionStatus>;
  /**
   * Tells the EBS the broadcaster saved new settings (`content`, as passed to `configuration.set`), so it
   * uses them at once; the answer says whether they are in use yet (broadcaster's token).
   */
  settingsChanged(token: string, content: string): Promise<SettingsChangedResponse>;
  /** `POST path` with the bearer token and `body` as JSON, the answer checked by `schema`. */
  send<T>(path: string, token: string, body: unknown, schema: z.ZodMiniType<T>): Promise<T>;
}

export interface EbsClientOptions {
  /** The EBS's origin, e.g. `http://localhost:8081` (a trailing slash is fine). */
  baseUrl: string;
  /** Injected so tests and other runtimes can choose the implementation; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

function retryAfterHeader(response: Response): number | undefined {
  const value = Number(response.headers.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Client for the EBS's HTTP API; every answer is checked against the shared schemas. */
export function createEbsClient(options: EbsClientOptions): EbsClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<T>(
    path: string,
    init: RequestInit,
    parse: (body: unknown) => T | undefined,
  ): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, init);
    } catch (cause) {
      throw new EbsError({ code: "network", message: "The EBS could not be reached.", cause });
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new EbsError({
        code: "not_json",
        message: `The EBS answered ${response.status} with a body that is not JSON.`,
        status: response.status,
        cause,
      });
    }

    if (response.ok) {
      const parsed = parse(body);
      if (parsed !== undefined) return parsed;
    } else {
      const failed = apiErrorSchema.safeParse(body);
      if (failed.success) {
        const { code, message, retryAfterSeconds } = failed.data.error;
        throw new EbsError({
          code,
          message,
          status: response.status,
          retryAfterSeconds: retryAfterSeconds ?? retryAfterHeader(response),
        });
      }
    }
    throw new EbsError({
      code: "unexpected_response",
      message: `The EBS answered ${response.status} with a body the panel does not understand.`,
      status: response.status,
    });
  }

  function send<T>(path: string, token: string, body: unknown, schema: z.ZodMiniType<T>): Promise<T> {
    return request(
      path,
      {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      },
      (answer) => {
        const parsed = schema.safeParse(answer);
        return parsed.success ? parsed.data : undefined;
      },
    );
  }

  return {
    send,
    sendAction(token, kind) {
      const body: ActionRequest = { action: kind };
      return request(
        EBS_PATHS.action,
        {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        },
        (body) => {
          const queued = actionQueuedSchema.safeParse(body);
          return queued.success ? queued.data : undefined;
        },
      );
    },
    actionStatus(token, actionId) {
      return request(
        actionStatusPath(actionId),
        { method: "GET", headers: { Authorization: `Bearer ${token}` } },
        (body) => {
          const status = actionStatusSchema.safeParse(body);
          return status.success ? status.data : undefined;
        },
      );
    },
    settingsChanged(token, content) {
      const body: SettingsChangedRequest = { content };
      return request(
        EBS_PATHS.settingsChanged,
        {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        },
        (body) => {
          const answer = settingsChangedResponseSchema.safeParse(body);
          return answer.success ? answer.data : undefined;
        },
      );
    },
  };
}
