import type { Refusal } from "./codes.ts";
import { refuse } from "./external-jwt.ts";

/**
 * Longest callback URL judged. Twitch documents no limit; 2048 characters is the practical ceiling of URLs
 * across browsers and proxies, far above any real webhook, and keeps a hostile body from storing a megabyte
 * URL in the rig's subscriptions, its log and its UI.
 */
export const EVENTSUB_CALLBACK_MAX = 2048;

/** Hosts a rig delivers to over http on any port: this machine, as `URL.hostname` writes it. */
export const LOOPBACK_CALLBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/** Twitch's answer to a callback that is not https on the standard port (reported verbatim by developers). */
const TWITCH_CALLBACK_MESSAGE =
  "callback must provide valid https callback with standard port in creation request";

/** The rig's delivery rule: this machine always, and other hosts only when the developer listed them. */
export interface RigCallbackRule {
  /** Hostnames (lowercase, as `URL.hostname` writes them) the rig may also deliver to, https on 443 only. */
  allowedHosts: readonly string[];
}

export type CallbackVerdict =
  | {
      ok: true;
      /** The URL as parsed, which is the one to contact: what was judged is what is called. */
      callback: string;
      /** Set when the rig accepts what Twitch would refuse (http, or another port, on this machine). */
      warning?: string;
    }
  | Refusal;

/** A JSON value as the diagnosis quotes it: its first 80 characters (a JSON body holds no undefined). */
const quoted = (value: unknown) => JSON.stringify(value ?? null).slice(0, 80);

/**
 * Judges a webhook's `transport.callback` as Twitch does (an https URL on port 443, no redirects followed)
 * and, given `rig`, as the rig must: a rig never sends a request to a host it was not allowed to, so it takes
 * http (any port) only on this machine, with a warning that Twitch would refuse it, and any other host only
 * when listed in `rig.allowedHosts` (an https tunnel to the EBS, say) and then on Twitch's terms. Credentials
 * in the URL are refused everywhere: the callback is listed back to anyone holding an app token.
 */
export function diagnoseEventSubCallback(callback: unknown, rig?: RigCallbackRule): CallbackVerdict {
  if (typeof callback === "string" && callback.length > EVENTSUB_CALLBACK_MAX) {
    return refuse(
      400,
      "eventsub_callback_invalid",
      "invalid transport callback",
      `transport.callback is ${callback.length} characters long: keep it under ${EVENTSUB_CALLBACK_MAX} (an EBS's webhook URL is a host and a short path like /eventsub).`,
    );
  }
  const url = typeof callback === "string" && URL.canParse(callback) ? new URL(callback) : undefined;
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    return refuse(
      400,
      "eventsub_callback_invalid",
      TWITCH_CALLBACK_MESSAGE,
      `transport.callback must be an https URL on port 443 like "https://ebs.example.com/eventsub"${rig ? " (or, in the rig, http on localhost)" : ""}, got ${quoted(callback)}.`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    return refuse(
      400,
      "eventsub_callback_invalid",
      "invalid transport callback",
      "transport.callback carries a user name or password: remove them (the callback is listed back by Get EventSub Subscriptions); the signature on each delivery is what proves it is Twitch.",
    );
  }
  const onTwitchsTerms = url.protocol === "https:" && url.port === "";
  if (rig && LOOPBACK_CALLBACK_HOSTS.includes(url.hostname)) {
    return onTwitchsTerms
      ? { ok: true, callback: url.href }
      : {
          ok: true,
          callback: url.href,
          warning: `The rig delivers to ${url.protocol}//${url.host} because it is this machine; Twitch requires https on port 443 (a public host or an https tunnel to your EBS) and would refuse this callback.`,
        };
  }
  if (!onTwitchsTerms) {
    return refuse(
      400,
      "eventsub_callback_invalid",
      TWITCH_CALLBACK_MESSAGE,
      `transport.callback must be https on port 443 (no other port, no http)${rig ? "; the rig also takes http on any port of localhost, 127.0.0.1 or [::1]" : ""}, got ${quoted(callback)}.`,
    );
  }
  if (rig && !rig.allowedHosts.includes(url.hostname)) {
    return refuse(
      400,
      "eventsub_callback_host_not_allowed",
      "invalid transport callback",
      `The rig delivers EventSub only to this machine (localhost, 127.0.0.1, [::1]) or hosts you list: to let it post to ${quoted(url.hostname)} (an https tunnel to your EBS, say), start the rig with RIG_EVENTSUB_HOSTS=${url.hostname}.`,
    );
  }
  return { ok: true, callback: url.href };
}
