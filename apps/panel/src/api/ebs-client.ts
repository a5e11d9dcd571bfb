import { type ActionResponse, actionResponseSchema, apiErrorSchema, EBS_PATHS } from "@ext/shared";
import { EbsError } from "./ebs-error.ts";

export interface EbsClient {
  /** Asks the EBS to post the hype message in chat, as the viewer holding `token`. Throws `EbsError`. */
  sendHype(token: string): Promise<ActionResponse>;
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

  return {
    async sendHype(token) {
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}${EBS_PATHS.action}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ action: "hype" }),
        });
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
        const sent = actionResponseSchema.safeParse(body);
        if (sent.success) return sent.data;
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
    },
  };
}
