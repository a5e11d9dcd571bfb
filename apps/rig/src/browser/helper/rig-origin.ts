const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The origins the rig UI may have when the helper was loaded from `rigBase`: the rig's own origin and, for a
 * rig on a loopback host, the same scheme and port under the other loopback names (a rig page opened at
 * http://127.0.0.1:8090 embeds panels that load the helper from http://localhost:8090).
 */
export function rigOrigins(rigBase: string): string[] {
  const url = new URL(rigBase);
  if (!LOOPBACK_HOSTS.includes(url.hostname)) return [url.origin];
  const port = url.port ? `:${url.port}` : "";
  const aliases = LOOPBACK_HOSTS.map((host) => `${url.protocol}//${host}${port}`);
  return [url.origin, ...aliases.filter((origin) => origin !== url.origin)];
}

/**
 * The rig's base URL, read from the helper's own `<script src>` (the page loads it from the rig, e.g.
 * http://localhost:8090/rig/twitch-ext.js). Falls back to the page's origin when the script src is unknown.
 */
export function rigBaseFromScript(script: { src?: string } | null | undefined, pageHref: string): string {
  const src = script?.src;
  return new URL(src && src.length > 0 ? src : pageHref).origin;
}

/**
 * The parent page's origin as the browser reports it (`location.ancestorOrigins` in Chromium, the referrer
 * elsewhere) when it is one of `allowed`, else the first allowed origin.
 */
export function parentOrigin(win: Window, allowed: string[]): string {
  const candidates = [win.location.ancestorOrigins?.[0], originOf(win.document.referrer)];
  return (
    candidates.find((origin): origin is string => !!origin && allowed.includes(origin)) ?? allowed[0] ?? ""
  );
}

function originOf(href: string): string | undefined {
  try {
    return href ? new URL(href).origin : undefined;
  } catch {
    return undefined;
  }
}
