import { performance } from "node:perf_hooks";
import {
  type ApiErrorCode,
  type Clock,
  DIAGNOSIS_HEADERS,
  decodeDiagnosisHeader,
  epochSeconds,
  helixErrorBodySchema,
} from "@ext/shared";
import {
  externalClaimsFor,
  type HelixCall,
  helixCallUrl,
  requestAppAccessToken,
  signExtensionJwt,
} from "@ext/shared/server";
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import { AppError, safeCause } from "../app-error.ts";
import type { Config } from "../config.ts";
import type { RateLimitHeaders } from "./ports.ts";

/** Default time a Twitch call may take before the EBS gives up on it. */
export const TWITCH_TIMEOUT_MS = 5000;
/** An app access token is replaced this long before Twitch says it expires. */
const APP_TOKEN_MARGIN_MS = 60 * 1000;
/** Seconds to wait after a 429 that carried no usable `Ratelimit-Reset`: Twitch's windows are a minute. */
const DEFAULT_RETRY_SECONDS = 60;

/** A successful answer: the status, the body as the call's schema read it, and Twitch's rate-limit headers. */
export interface HelixAnswer<T> {
  status: number;
  data: T;
  rateLimit: RateLimitHeaders;
  durationMs: number;
}

/**
 * A Twitch call that did not succeed: no answer (`status` undefined), a refusal (its status, Twitch's
 * message, and the rig's diagnosis when the API base is the rig), or an answer whose body was not what the
 * endpoint documents. Never holds the request's credentials.
 */
export class HelixError extends Error {
  override readonly name = "HelixError";
  readonly endpoint: string;
  readonly status: number | undefined;
  /** Helix's `message` from the error body, when there was one. */
  readonly twitchMessage: string | undefined;
  /** The rig's `x-rig-diagnosis-code`: the exact cause of the refusal. */
  readonly diagnosisCode: string | undefined;
  /** The rig's `x-rig-diagnosis`: the cause and its fix, in words. */
  readonly diagnosis: string | undefined;
  readonly rateLimit: RateLimitHeaders;
  readonly durationMs: number;

  constructor(input: {
    endpoint: string;
    message: string;
    status?: number | undefined;
    twitchMessage?: string | undefined;
    diagnosisCode?: string | undefined;
    diagnosis?: string | undefined;
    rateLimit?: RateLimitHeaders;
    durationMs: number;
    cause?: unknown;
  }) {
    super(input.message, input.cause === undefined ? undefined : { cause: input.cause });
    this.endpoint = input.endpoint;
    this.status = input.status;
    this.twitchMessage = input.twitchMessage;
    this.diagnosisCode = input.diagnosisCode;
    this.diagnosis = input.diagnosis;
    this.rateLimit = input.rateLimit ?? {};
    this.durationMs = input.durationMs;
  }
}

/** One finished exchange, for an observer (doctor explains the JWT it signed; tests count calls in flight). */
export interface HelixExchange {
  call: HelixCall<unknown>;
  /** The credential sent (`Bearer <jwt or app token>`), for local explanation only: never print or log it. */
  authorization: string | undefined;
  status: number | undefined;
  error: HelixError | undefined;
}

export interface HelixObserver {
  requestStarted?(call: HelixCall<unknown>): void;
  exchangeEnded?(exchange: HelixExchange): void;
}

/**
 * The EBS's one way out to Twitch: every Helix and OAuth call goes through `call`, which adds the base URL,
 * the `Client-Id` and the credential the call names (a fresh external JWT signed with the current secret,
 * or the cached app access token, renewed once on a 401), applies the timeout, and turns anything but a
 * 2xx with the documented body into a {@link HelixError}.
 */
export interface HelixClient {
  call<T>(call: HelixCall<T>): Promise<HelixAnswer<T>>;
  /** Whether calls needing an app access token can be made (TWITCH_CLIENT_SECRET is set). */
  readonly hasAppCredentials: boolean;
}

export type HelixConfig = Pick<
  Config,
  "clientId" | "ownerUserId" | "secrets" | "clientSecret" | "apiBase" | "authBase" | "twitchTimeoutMs"
>;

/** Reads a numeric header such as `Ratelimit-Reset`; undefined when absent or not a number. */
function numericHeader(headers: Record<string, unknown>, name: string): number | undefined {
  const raw = headers[name];
  const value = typeof raw === "string" ? Number(raw.trim()) : typeof raw === "number" ? raw : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}

function rateLimitOf(response: AxiosResponse): RateLimitHeaders {
  const headers = response.headers as Record<string, unknown>;
  return {
    limit: numericHeader(headers, "ratelimit-limit"),
    remaining: numericHeader(headers, "ratelimit-remaining"),
    resetAtSeconds: numericHeader(headers, "ratelimit-reset"),
  };
}

function refusalOf(call: HelixCall<unknown>, response: AxiosResponse, durationMs: number): HelixError {
  const body = helixErrorBodySchema.safeParse(response.data);
  const twitchMessage = body.success && body.data.message ? body.data.message : undefined;
  const diagnosis = decodeDiagnosisHeader(response.headers[DIAGNOSIS_HEADERS.message]);
  return new HelixError({
    endpoint: call.endpoint,
    status: response.status,
    message: `Twitch answered ${response.status} to ${call.endpoint}.`,
    twitchMessage,
    diagnosisCode: decodeDiagnosisHeader(response.headers[DIAGNOSIS_HEADERS.code]),
    diagnosis,
    rateLimit: rateLimitOf(response),
    durationMs,
  });
}

export function createHelixClient(input: {
  config: HelixConfig;
  clock: Clock;
  observer?: HelixObserver;
  /** An axios instance of one's own (doctor's tests); one with the config's timeout by default. */
  http?: AxiosInstance;
}): HelixClient {
  const { config, clock, observer } = input;
  const http =
    input.http ??
    axios.create({
      timeout: config.twitchTimeoutMs,
      // The base URL is used as given: no environment proxy, no redirects, every status returned.
      proxy: false,
      maxRedirects: 0,
      validateStatus: () => true,
      headers: { "User-Agent": "ext-ebs" },
    });
  let appToken: { value: string; expiresAt: number } | undefined;
  let pendingAppToken: Promise<string> | undefined;

  async function fetchAppToken(): Promise<string> {
    const clientSecret = config.clientSecret;
    if (!clientSecret) {
      throw new HelixError({
        endpoint: "OAuth client credentials",
        message: "No TWITCH_CLIENT_SECRET: calls that need an app access token cannot be made.",
        durationMs: 0,
      });
    }
    try {
      const answer = await send(requestAppAccessToken({ clientId: config.clientId, clientSecret }));
      const lifetimeMs = answer.data.expires_in * 1000;
      appToken = {
        value: answer.data.access_token,
        expiresAt: clock() + Math.max(lifetimeMs - APP_TOKEN_MARGIN_MS, lifetimeMs / 2),
      };
      return appToken.value;
    } catch (error) {
      if (error instanceof HelixError && error.status !== undefined && error.status < 500) {
        throw new HelixError({
          endpoint: error.endpoint,
          status: error.status,
          message: `The app access token request was answered ${error.status}: check TWITCH_CLIENT_SECRET is the OAuth Client Secret of this extension.`,
          durationMs: error.durationMs,
        });
      }
      throw error;
    }
  }

  function currentAppToken(): Promise<string> {
    if (appToken && appToken.expiresAt > clock()) return Promise.resolve(appToken.value);
    pendingAppToken ??= fetchAppToken().finally(() => {
      pendingAppToken = undefined;
    });
    return pendingAppToken;
  }

  async function authorization(call: HelixCall<unknown>): Promise<string | undefined> {
    switch (call.auth.kind) {
      case "external": {
        const claims = externalClaimsFor(call.auth, { ownerUserId: config.ownerUserId, clock });
        return `Bearer ${signExtensionJwt(claims, config.secrets, clock)}`;
      }
      case "app":
        return `Bearer ${await currentAppToken()}`;
      case "none":
        return undefined;
    }
  }

  async function send<T>(call: HelixCall<T>): Promise<HelixAnswer<T>> {
    observer?.requestStarted?.(call);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let auth: string | undefined;
    let status: number | undefined;
    let failure: HelixError | undefined;
    try {
      auth = await authorization(call);
      const headers: Record<string, string> = { "Client-Id": config.clientId };
      if (auth !== undefined) headers.Authorization = auth;
      let data: unknown;
      if (call.body && "json" in call.body) {
        headers["Content-Type"] = "application/json";
        data = call.body.json;
      } else if (call.body) {
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        data = new URLSearchParams({ ...call.body.form }).toString();
      }
      let response: AxiosResponse;
      try {
        response = await http.request({
          method: call.method,
          url: helixCallUrl(call, { api: config.apiBase, auth: config.authBase }),
          headers,
          data,
        });
      } catch (error) {
        throw new HelixError({
          endpoint: call.endpoint,
          message: `Twitch could not be reached or did not answer ${call.endpoint} in time.`,
          durationMs: elapsed(),
          cause: safeCause(error),
        });
      }
      status = response.status;
      if (status < 200 || status >= 300) throw refusalOf(call, response, elapsed());
      const parsed = call.response.safeParse(response.data === "" ? undefined : response.data);
      if (!parsed.success) {
        throw new HelixError({
          endpoint: call.endpoint,
          status,
          message: `Twitch answered ${call.endpoint} with a body it does not document.`,
          durationMs: elapsed(),
        });
      }
      return { status, data: parsed.data, rateLimit: rateLimitOf(response), durationMs: elapsed() };
    } catch (error) {
      failure = error instanceof HelixError ? error : undefined;
      throw error;
    } finally {
      observer?.exchangeEnded?.({ call, authorization: auth, status, error: failure });
    }
  }

  return {
    get hasAppCredentials() {
      return config.clientSecret !== undefined && config.clientSecret !== "";
    },
    async call(call) {
      try {
        return await send(call);
      } catch (error) {
        // App access tokens have no refresh: a 401 means this one ended early; fetch one and try once more.
        if (call.auth.kind !== "app" || !(error instanceof HelixError) || error.status !== 401) throw error;
        appToken = undefined;
        return send(call);
      }
    },
  };
}

/**
 * What a failed Twitch call means for the EBS's API, the same for every endpoint: 429 `twitch_rate_limited`
 * (with the seconds until Ratelimit-Reset), no answer or 5xx `twitch_unavailable`, anything else `refused`
 * with what the status can mean (`explain`), Twitch's message and the rig's diagnosis.
 */
export function appErrorFromHelix(
  error: unknown,
  input: { refused: ApiErrorCode; explain: (status: number) => string; clock: Clock },
): AppError {
  if (!(error instanceof HelixError)) {
    return new AppError({
      code: "internal",
      status: 500,
      message: "The EBS failed to call Twitch.",
      cause: safeCause(error),
    });
  }
  const { status } = error;
  if (status === 429) {
    const reset = error.rateLimit.resetAtSeconds;
    const retryAfterSeconds =
      reset === undefined ? DEFAULT_RETRY_SECONDS : Math.max(1, Math.ceil(reset - epochSeconds(input.clock)));
    return new AppError({
      code: "twitch_rate_limited",
      status: 503,
      message: `${input.explain(429)} Try again in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
      twitchStatus: status,
    });
  }
  if (status === undefined) {
    return new AppError({
      code: "twitch_unavailable",
      status: 503,
      message: "Twitch could not be reached or did not answer in time; try again in a moment.",
      cause: error.cause === undefined ? undefined : safeCause(error.cause),
    });
  }
  const parts = [input.explain(status)];
  if (error.twitchMessage) parts.push(`Twitch said: "${error.twitchMessage}".`);
  if (error.diagnosis) parts.push(`Diagnosis: ${error.diagnosis}`);
  const message = parts.join(" ");
  if (status >= 500) return new AppError({ code: "twitch_unavailable", status: 503, message });
  return new AppError({ code: input.refused, status: 502, message, twitchStatus: status });
}
