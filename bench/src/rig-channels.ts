import { postJson } from "./stats.ts";

/**
 * Creates `count` channels on the rig (ids from `firstId` up, logins `<prefix>_1`...), each with the
 * extension installed, activated, released and chat granted; their ids.
 */
export async function createRigChannels(
  rigUrl: string,
  input: { count: number; firstId: number; prefix: string },
): Promise<string[]> {
  const ids = Array.from({ length: input.count }, (_, i) => String(input.firstId + i));
  for (const [i, id] of ids.entries()) {
    const name = `${input.prefix}${i + 1}`;
    const res = await postJson(`${rigUrl}/rig/api/channels`, {
      id,
      login: name.toLowerCase(),
      displayName: name,
    });
    if (res.status !== 201) throw new Error(`creating channel ${id} on the rig answered ${res.status}`);
  }
  return ids;
}
