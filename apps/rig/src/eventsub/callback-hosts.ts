import { LOOPBACK_CALLBACK_HOSTS } from "@ext/shared/server";

/** How many hosts RIG_EVENTSUB_HOSTS may list: a developer opts in a tunnel or two, not a network. */
const MAX_HOSTS = 20;

/**
 * Reads RIG_EVENTSUB_HOSTS: comma-separated hostnames (an https tunnel to the EBS, say) the rig may post
 * EventSub deliveries to besides this machine, on Twitch's terms (https, port 443). Each is written as
 * `URL.hostname` writes it (lowercase, IPv6 in brackets, which may be left out). A value that is not a bare hostname is an error that
 * says which and why, so a typo never silently widens or narrows where the rig posts.
 */
export function parseEventSubHosts(value: string | undefined): { hosts: string[] } | { error: string } {
  const entries = (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  if (entries.length > MAX_HOSTS) {
    return { error: `RIG_EVENTSUB_HOSTS lists ${entries.length} hosts: list at most ${MAX_HOSTS}.` };
  }
  const hosts: string[] = [];
  for (const written of entries) {
    // An IPv6 address may be written bare ("2001:db8::1"), as people do outside URLs.
    const entry = written.includes(":") && !written.startsWith("[") ? `[${written}]` : written;
    const url = URL.canParse(`https://${entry}/`) ? new URL(`https://${entry}/`) : undefined;
    if (url === undefined || url.host !== url.hostname || url.hostname !== entry.toLowerCase()) {
      return {
        error: `RIG_EVENTSUB_HOSTS must list bare hostnames separated by commas, like "my-tunnel.example.com" (no scheme, port, path or user), got ${JSON.stringify(written.slice(0, 80))}.`,
      };
    }
    if (!LOOPBACK_CALLBACK_HOSTS.includes(url.hostname)) hosts.push(url.hostname);
  }
  return { hosts };
}
