import type { ChatActor, ViewerClaims } from "@ext/shared";
import type { Logger } from "pino";
import type { UserDirectory } from "../deps.ts";
import { safeCause } from "../errors.ts";

/**
 * Who acted, as chat may name them: the display name of a viewer who shared identity, otherwise nobody
 * in particular (the text then says "A viewer"). A failed lookup is logged, never fatal.
 */
export async function resolveActor(input: {
  claims: ViewerClaims;
  users: UserDirectory;
  logger: Logger;
}): Promise<ChatActor> {
  const userId = input.claims.user_id;
  if (userId === undefined) return {};
  try {
    return { displayName: await input.users.displayName(userId) };
  } catch (error) {
    input.logger.warn(
      { event: "display_name_lookup_failed", userId, error: safeCause(error).message },
      "display name lookup failed: using neutral wording",
    );
    return {};
  }
}
