import {
  type ActionQueued,
  type ActionRequest,
  type ActionStatusAnswer,
  actionQueuedSchema,
  actionStatusAnswerSchema,
  actionStatusPath,
  apiErrorAnswerSchema,
  EBS_PATHS,
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
  actionStatus(token: string, actionId: string): Promise<ActionStatusAnswer>;
  /**
   * `GET path` with the bearer token, the answer checked by `schema`: e.g. the live state
   * (`EBS_PATHS.live`, `liveStateSchema`). A page bundles only the schemas it reads with.
   */
  read<T>(path: string, token: string, schema: z.ZodMiniType<T>): Promise<T>;
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
      const failed = apiErrorAnswerSchema.safeParse(body);
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

  const checked =
    <T>(schema: z.ZodMiniType<T>) =>
    (body: unknown): T | undefined => {
      const answer = schema.safeParse(body);
      return answer.success ? answer.data : undefined;
    };
  function read<T>(path: string, token: string, schema: z.ZodMiniType<T>): Promise<T> {
    return request(path, { method: "GET", headers: { Authorization: `Bearer ${token}` } }, checked(schema));
  }
  function send<T>(path: string, token: string, body: unknown, schema: z.ZodMiniType<T>): Promise<T> {
    return request(
      path,
      {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      },
      checked(schema),
    );
  }

  return {
    sendAction: (token, kind) =>
      send(EBS_PATHS.action, token, { action: kind } satisfies ActionRequest, actionQueuedSchema),
    actionStatus: (token, actionId) => read(actionStatusPath(actionId), token, actionStatusAnswerSchema),
    read,
    send,
  };
}
