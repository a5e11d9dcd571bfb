import { type Clock, TWITCH } from "@ext/shared";
import type { AxiosInstance, AxiosResponse } from "axios";
import type { Logger } from "pino";
import { z } from "zod";
import type { Config } from "../config.ts";
import type { UserDirectory } from "../deps.ts";
import { safeCause } from "../errors.ts";
import { createTwitchHttp } from "./http-client.ts";

/** How long a display name is kept before it is asked for again. */
export const NAME_TTL_MS = 10 * 60 * 1000;
/** An app access token is replaced this long before Twitch says it expires. */
const TOKEN_MARGIN_MS = 60 * 1000;
/** Names kept at most; the oldest entry goes first. */
const MAX_CACHED_NAMES = 10_000;
/** Ids Get Users takes in one call. */
export const GET_USERS_MAX_IDS = 100;

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
});
const usersResponseSchema = z.object({
  data: z.array(z.object({ id: z.string(), display_name: z.string() })),
});

class LookupError extends Error {
  override readonly name = "LookupError";
}

/**
 * Display names through Helix Get Users with an app access token (client credentials), cached. Without
 * TWITCH_CLIENT_SECRET it knows no names. Batched: up to 100 ids a call. Failures throw; callers decide to go
 * on without a name.
 */
export function createUserDirectory(input: {
  config: Config;
  clock: Clock;
  logger: Logger;
  http?: AxiosInstance;
  nameTtlMs?: number;
}): UserDirectory {
  const { config, clock, logger } = input;
  const http = input.http ?? createTwitchHttp();
  const nameTtlMs = input.nameTtlMs ?? NAME_TTL_MS;
  const names = new Map<string, { name: string | undefined; expiresAt: number }>();
  let token: { value: string; expiresAt: number } | undefined;
  let pendingToken: Promise<string> | undefined;

  async function fetchToken(clientSecret: string): Promise<string> {
    const form = new URLSearchParams({
      client_id: config.clientId,
      client_secret: clientSecret,
      grant_type: "client_credentials",
    });
    let response: AxiosResponse;
    try {
      response = await http.post(
        new URL(TWITCH.oauthTokenPath, config.authBase).toString(),
        form.toString(),
        {
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        },
      );
    } catch (error) {
      throw new LookupError("the app access token request failed", { cause: safeCause(error) });
    }
    const parsed = tokenResponseSchema.safeParse(response.data);
    if (response.status !== 200 || !parsed.success) {
      throw new LookupError(
        `the app access token request was answered ${response.status}: check TWITCH_CLIENT_SECRET is the OAuth Client Secret of this extension`,
      );
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    token = {
      value: parsed.data.access_token,
      expiresAt: clock() + Math.max(lifetimeMs - TOKEN_MARGIN_MS, lifetimeMs / 2),
    };
    return token.value;
  }

  function appToken(clientSecret: string): Promise<string> {
    if (token && token.expiresAt > clock()) return Promise.resolve(token.value);
    pendingToken ??= fetchToken(clientSecret).finally(() => {
      pendingToken = undefined;
    });
    return pendingToken;
  }

  async function getUsers(userIds: readonly string[], bearer: string) {
    const url = new URL(TWITCH.usersPath, config.apiBase);
    for (const id of userIds) url.searchParams.append("id", id);
    try {
      return await http.get(url.toString(), {
        headers: { Authorization: `Bearer ${bearer}`, "Client-Id": config.clientId },
      });
    } catch (error) {
      throw new LookupError("Get Users failed", { cause: safeCause(error) });
    }
  }

  /** One Get Users call for at most 100 ids; renews the app token once on a 401. */
  async function lookUp(clientSecret: string, userIds: readonly string[]): Promise<void> {
    let response = await getUsers(userIds, await appToken(clientSecret));
    if (response.status === 401) {
      logger.info({ event: "app_token_refresh" }, "Get Users answered 401: fetching a new app access token");
      token = undefined;
      response = await getUsers(userIds, await appToken(clientSecret));
    }
    const parsed = usersResponseSchema.safeParse(response.data);
    if (response.status !== 200 || !parsed.success) {
      throw new LookupError(`Get Users was answered ${response.status}`);
    }
    const found = new Map(parsed.data.data.map((u) => [u.id, u.display_name || undefined]));
    for (const id of userIds) {
      names.delete(id);
      if (names.size >= MAX_CACHED_NAMES) names.delete(names.keys().next().value as string);
      names.set(id, { name: found.get(id), expiresAt: clock() + nameTtlMs });
    }
  }

  async function displayNames(userIds: readonly string[]): Promise<Map<string, string | undefined>> {
    const result = new Map<string, string | undefined>();
    const clientSecret = config.clientSecret;
    if (!clientSecret) return result;
    const missing: string[] = [];
    for (const id of new Set(userIds)) {
      const cached = names.get(id);
      if (cached && cached.expiresAt > clock()) result.set(id, cached.name);
      else missing.push(id);
    }
    for (let i = 0; i < missing.length; i += GET_USERS_MAX_IDS) {
      const chunk = missing.slice(i, i + GET_USERS_MAX_IDS);
      await lookUp(clientSecret, chunk);
      for (const id of chunk) result.set(id, names.get(id)?.name);
    }
    return result;
  }

  return {
    displayNames,
    async displayName(userId: string): Promise<string | undefined> {
      return (await displayNames([userId])).get(userId);
    },
  };
}
