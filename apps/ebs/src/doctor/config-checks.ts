import { TwitchRuleError } from "@ext/shared";
import { decodeExtensionSecret, diagnoseEventSubCallback } from "@ext/shared/server";
import { ConfigError, EVENTSUB_WEBHOOK_PATH, parseConfig } from "../config.ts";

/** One line of `pnpm run doctor`: a variable, whether it is fine, and how to fix it when it is not. */
export interface Check {
  variable: string;
  status: "ok" | "problem" | "warning";
  message: string;
  /** What to do, when something is to be done. */
  fix?: string;
}

type Env = Record<string, string | undefined>;

const CONSOLE = "Twitch developer console → Extensions → your extension";
/** OAuth client ids and client secrets: 30 lowercase letters and digits. */
const OAUTH_LIKE = /^[a-z0-9]{30}$/;
/** A console extension secret: 32 bytes in base64, 44 characters ending in "=". */
const EXTENSION_SECRET_LIKE = /^[A-Za-z0-9+/]{43}=$/;

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === "" ? undefined : v;
}

/** The comma-separated extension secrets, trimmed, as the EBS reads them. */
export function secretList(env: Env): string[] {
  return (value(env, "TWITCH_EXTENSION_SECRET") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function ok(variable: string, message: string): Check {
  return { variable, status: "ok", message };
}

function problem(variable: string, message: string, fix: string): Check {
  return { variable, status: "problem", message, fix };
}

function checkClientId(env: Env): Check {
  const name = "TWITCH_CLIENT_ID";
  const id = value(env, name);
  const where = `${CONSOLE} → Settings → General → "Client ID"`;
  if (!id) return problem(name, "is not set.", `Copy the Client ID from ${where}.`);
  if (EXTENSION_SECRET_LIKE.test(id) || /[+/=]/.test(id)) {
    return problem(
      name,
      "holds a base64 value: that is an Extension Secret, not the Client ID.",
      `Put the Extension Secret in TWITCH_EXTENSION_SECRET and the Client ID (${where}) here.`,
    );
  }
  if (id === value(env, "TWITCH_CLIENT_SECRET")) {
    return problem(
      name,
      "is the same value as TWITCH_CLIENT_SECRET: one of them was pasted twice.",
      `The Client ID is shown in ${where}; the Client Secret is behind "New Secret" on the same page.`,
    );
  }
  if (!/^[A-Za-z0-9]{1,64}$/.test(id)) {
    return problem(name, "has characters a Client ID never has.", `Copy it again from ${where}.`);
  }
  if (!OAUTH_LIKE.test(id)) {
    return {
      variable: name,
      status: "warning",
      message: `is ${id.length} characters; Twitch's Client IDs are 30 lowercase letters and digits.`,
      fix: `Check it against ${where} (fine for a local rig with its own id).`,
    };
  }
  return ok(name, "looks like a Client ID (30 lowercase letters and digits).");
}

function checkExtensionSecrets(env: Env): Check[] {
  const name = "TWITCH_EXTENSION_SECRET";
  const where = `${CONSOLE} → Settings → Secret Keys`;
  const list = secretList(env);
  if (list.length === 0) {
    return [problem(name, "is not set.", `Copy the Extension Secret (base64) from ${where}.`)];
  }
  const clientId = value(env, "TWITCH_CLIENT_ID");
  const clientSecret = value(env, "TWITCH_CLIENT_SECRET");
  return list.map((secret, index) => {
    const label = list.length > 1 ? `${name} #${index + 1}` : name;
    if (secret === clientId) {
      return problem(label, "is the Client ID.", `Put the Extension Secret from ${where} here.`);
    }
    if (clientSecret && secret === clientSecret) {
      return problem(
        label,
        "is the same value as TWITCH_CLIENT_SECRET: the OAuth Client Secret, not the Extension Secret.",
        `Put the Extension Secret (base64, from ${where}) here; the Client Secret belongs only in TWITCH_CLIENT_SECRET.`,
      );
    }
    try {
      const bytes = decodeExtensionSecret(secret);
      return ok(
        label,
        `decodes from base64 to ${bytes.length} bytes${bytes.length === 32 ? "" : " (Twitch's decode to 32)"}: the EBS signs with those bytes.${index === 0 ? " This one signs." : " It verifies only."}`,
      );
    } catch (error) {
      const code = error instanceof TwitchRuleError ? error.code : "secret_invalid";
      if (code === "secret_looks_like_client_secret") {
        return problem(
          label,
          "looks like the OAuth Client Secret (30 lowercase letters and digits), not the Extension Secret.",
          `Put the Extension Secret (base64, about 44 characters, from ${where}) here. The OAuth Client Secret goes in TWITCH_CLIENT_SECRET, and only for display names.`,
        );
      }
      return problem(
        label,
        error instanceof Error ? error.message : String(error),
        `Copy the Extension Secret again from ${where}, exactly as shown.`,
      );
    }
  });
}

function checkClientSecret(env: Env): Check {
  const name = "TWITCH_CLIENT_SECRET";
  const secret = value(env, name);
  const where = `${CONSOLE} → Settings → General → "Client Secret" (New Secret)`;
  if (!secret) {
    return ok(name, "is not set: display names are off (chat says a neutral word instead of the name).");
  }
  if (secretList(env).includes(secret)) {
    return problem(
      name,
      "is one of the Extension Secrets.",
      `Set the OAuth Client Secret (${where}) here, or leave it empty.`,
    );
  }
  if (EXTENSION_SECRET_LIKE.test(secret)) {
    return problem(
      name,
      "looks like an Extension Secret (base64, 44 characters), not the OAuth Client Secret.",
      `If it is the Extension Secret, move it to TWITCH_EXTENSION_SECRET; here goes the OAuth Client Secret (${where}), or nothing.`,
    );
  }
  if (!OAUTH_LIKE.test(secret)) {
    return {
      variable: name,
      status: "warning",
      message: "does not look like an OAuth Client Secret (30 lowercase letters and digits).",
      fix: `Copy it again from ${where}.`,
    };
  }
  return ok(name, "looks like an OAuth Client Secret: display names through Get Users are on.");
}

function checkOwner(env: Env): Check {
  const name = "TWITCH_OWNER_ID";
  const owner = value(env, name);
  const where = `${CONSOLE} → Settings → General → "Owner", or Helix GET /helix/users?login=<owner login>`;
  if (!owner) return problem(name, "is not set.", `Set the extension owner's Twitch user id (${where}).`);
  if (/^\d{1,20}$/.test(owner)) return ok(name, `is a numeric string ("${owner}"), as JWT user_id wants.`);
  if (/^[A-Za-z0-9_]{3,25}$/.test(owner)) {
    return problem(
      name,
      `"${owner}" looks like a login name: external JWTs carry the owner's numeric user id.`,
      `Look the id up (${where}) and set the digits.`,
    );
  }
  return problem(name, `"${owner}" is not a Twitch user id (digits only).`, `Set the digits (${where}).`);
}

function checkVersion(env: Env): Check {
  const name = "TWITCH_EXTENSION_VERSION";
  const version = value(env, name);
  const where = `${CONSOLE} → Versions`;
  if (!version) return problem(name, "is not set.", `Set the installed version, like "0.0.1" (${where}).`);
  if (/^\d+\.\d+\.\d+$/.test(version)) {
    return ok(
      name,
      `is "${version}": it must be the version installed and activated on the channel (else Twitch answers 404).`,
    );
  }
  const bare = version.replace(/^v/i, "");
  const hint = /^\d+\.\d+\.\d+$/.test(bare)
    ? `write "${bare}" without the "v"`
    : /^\d+(\.\d+)?$/.test(bare)
      ? "write three numbers, like 1.0.0"
      : `copy it from ${where}`;
  return problem(
    name,
    `"${version}" is not a version string like "0.0.1".`,
    `${hint[0]?.toUpperCase()}${hint.slice(1)}.`,
  );
}

function checkBase(env: Env, name: "TWITCH_API_BASE" | "TWITCH_AUTH_BASE", fallback: string): Check {
  const raw = value(env, name);
  if (!raw) return ok(name, `is not set: ${fallback} (real Twitch).`);
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
    return problem(
      name,
      `"${raw}" is not an http(s) URL.`,
      `Use ${fallback}, or the rig: http://localhost:8090.`,
    );
  }
  const url = new URL(raw);
  if (url.pathname !== "/" || url.search !== "") {
    const v5 = /kraken|\/extensions\//.test(url.pathname);
    return problem(
      name,
      `"${raw}" has a path${v5 ? " from the removed v5 API" : ""}: the EBS adds /helix/... itself.`,
      `Use the origin only: ${url.origin}${v5 ? " (Helix replaced v5 in February 2022)" : ""}.`,
    );
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol === "http:" && !local) {
    return problem(name, `"${raw}" is plain http to another machine.`, `Use https (${fallback}).`);
  }
  if (url.origin === fallback) return ok(name, `is real Twitch (${fallback}).`);
  return ok(name, `is ${url.origin}${local ? " (a local stand-in such as the rig)" : ""}, not real Twitch.`);
}

/**
 * EVENTSUB_CALLBACK_URL judged as Twitch judges a webhook's callback (shared's rule, the one the rig applies):
 * Twitch refuses the subscription otherwise, and the EBS only logs the refusal and retries. http on this
 * machine is what the rig takes (a warning while the API base is a local stand-in); a path other than
 * the EBS's own webhook path reaches the EBS only through a proxy that rewrites it.
 */
function checkEventSubCallback(env: Env): Check[] {
  const name = "EVENTSUB_CALLBACK_URL";
  const raw = value(env, name);
  if (!raw) return [];
  const onTwitch = diagnoseEventSubCallback(raw);
  const onRig = diagnoseEventSubCallback(raw, { allowedHosts: [] });
  const apiBase = value(env, "TWITCH_API_BASE");
  const towardsRig =
    apiBase !== undefined &&
    URL.canParse(apiBase) &&
    ["localhost", "127.0.0.1", "[::1]"].includes(new URL(apiBase).hostname);
  const checks: Check[] = [];
  if (!onTwitch.ok) {
    if (towardsRig && onRig.ok) {
      checks.push({
        variable: name,
        status: "warning",
        message: `is ${raw}: the rig takes it (this machine), Twitch would refuse it ("${onTwitch.twitchMessage}").`,
        fix: "On Twitch, use the EBS's public https URL on port 443 (or an https tunnel to it).",
      });
    } else {
      checks.push(
        problem(
          name,
          onTwitch.diagnosis,
          `Use the EBS's public https URL on port 443, ending in ${EVENTSUB_WEBHOOK_PATH}.`,
        ),
      );
    }
  }
  const path = URL.canParse(raw) ? new URL(raw).pathname : "";
  if (path !== "" && path !== EVENTSUB_WEBHOOK_PATH) {
    checks.push({
      variable: name,
      status: "warning",
      message: `ends in ${path}: the EBS takes deliveries at ${EVENTSUB_WEBHOOK_PATH}, so they reach it only through a proxy that rewrites the path.`,
      fix: `End the URL in ${EVENTSUB_WEBHOOK_PATH}.`,
    });
  }
  return checks;
}

function checkSwaps(env: Env): Check[] {
  const extensionSecrets = secretList(env);
  const clientSecret = value(env, "TWITCH_CLIENT_SECRET");
  if (
    clientSecret &&
    EXTENSION_SECRET_LIKE.test(clientSecret) &&
    extensionSecrets.length > 0 &&
    extensionSecrets.every((s) => OAUTH_LIKE.test(s))
  ) {
    return [
      problem(
        "TWITCH_EXTENSION_SECRET / TWITCH_CLIENT_SECRET",
        "are swapped: the Extension Secret (base64) is in TWITCH_CLIENT_SECRET and the OAuth Client Secret in TWITCH_EXTENSION_SECRET.",
        "Exchange the two values.",
      ),
    ];
  }
  return [];
}

const CHECKED = new Set([
  "TWITCH_CLIENT_ID",
  "TWITCH_EXTENSION_SECRET",
  "TWITCH_CLIENT_SECRET",
  "TWITCH_OWNER_ID",
  "TWITCH_EXTENSION_VERSION",
  "TWITCH_API_BASE",
  "TWITCH_AUTH_BASE",
  "EVENTSUB_CALLBACK_URL",
]);

/**
 * Every check of the EBS's environment at once, as pure functions of it: which secret was pasted where,
 * ids, version, API bases, then whatever else the EBS's own config parser refuses (PORT, origins...).
 */
export function checkEnvironment(env: Env): Check[] {
  const checks = [
    checkClientId(env),
    ...checkExtensionSecrets(env),
    checkClientSecret(env),
    ...checkSwaps(env),
    checkOwner(env),
    checkVersion(env),
    checkBase(env, "TWITCH_API_BASE", "https://api.twitch.tv"),
    checkBase(env, "TWITCH_AUTH_BASE", "https://id.twitch.tv"),
    ...checkEventSubCallback(env),
  ];
  try {
    parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const p of error.problems.filter((p) => !CHECKED.has(p.variable))) {
      checks.push(problem(p.variable, p.message, "See apps/ebs/.env.example."));
    }
  }
  return checks;
}

/** True when a check found something the EBS cannot work with. */
export function hasProblem(checks: readonly Check[]): boolean {
  return checks.some((c) => c.status === "problem");
}
