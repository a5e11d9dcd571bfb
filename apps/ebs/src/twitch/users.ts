import type { Clock } from "@ext/shared";
import { GET_USERS_MAX_IDS, getUsers } from "@ext/shared/server";
import type { Logger } from "pino";
import type { HelixClient } from "./helix-client.ts";
import type { UserDirectory } from "./ports.ts";

/** How long a display name is kept before it is asked for again. */
export const NAME_TTL_MS = 10 * 60 * 1000;
/** Names kept at most; the oldest entry goes first. */
const MAX_CACHED_NAMES = 10_000;

/**
 * Display names through Helix Get Users (app access token, through the Helix client), cached. Without
 * TWITCH_CLIENT_SECRET it knows no names. Batched: up to 100 ids a call. Failures throw (a
 * {@link HelixError}); callers decide to go on without a name.
 */
export function createUserDirectory(input: {
  helix: HelixClient;
  clock: Clock;
  logger: Logger;
  nameTtlMs?: number;
}): UserDirectory {
  const { helix, clock } = input;
  const nameTtlMs = input.nameTtlMs ?? NAME_TTL_MS;
  const names = new Map<string, { name: string | undefined; expiresAt: number }>();

  async function lookUp(userIds: readonly string[]): Promise<void> {
    const answer = await helix.call(getUsers({ ids: userIds }));
    const found = new Map(answer.data.data.map((u) => [u.id, u.display_name || undefined]));
    for (const id of userIds) {
      names.delete(id);
      if (names.size >= MAX_CACHED_NAMES) names.delete(names.keys().next().value as string);
      names.set(id, { name: found.get(id), expiresAt: clock() + nameTtlMs });
    }
  }

  async function displayNames(userIds: readonly string[]): Promise<Map<string, string | undefined>> {
    const result = new Map<string, string | undefined>();
    if (!helix.hasAppCredentials) return result;
    const missing: string[] = [];
    for (const id of new Set(userIds)) {
      const cached = names.get(id);
      if (cached && cached.expiresAt > clock()) result.set(id, cached.name);
      else missing.push(id);
    }
    for (let i = 0; i < missing.length; i += GET_USERS_MAX_IDS) {
      const chunk = missing.slice(i, i + GET_USERS_MAX_IDS);
      await lookUp(chunk);
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
