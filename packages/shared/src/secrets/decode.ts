import { TwitchRuleError } from "../twitch-rule-error.ts";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** OAuth client ids and client secrets are 30 lowercase letters and digits. */
const OAUTH_LIKE = /^[a-z0-9]{30}$/;
const WHERE =
  "Twitch wants the Extension Secret: Extension console → your extension → Settings → Secret Keys (a base64 string).";

/**
 * Decodes the base64 extension secret into the key bytes Twitch signs with. The result is binary: that is
 * normal. Refuses a value that is not base64, or that looks like an OAuth Client Secret or Client ID.
 */
export function decodeExtensionSecret(value: string): Buffer {
  const trimmed = value.trim();
  if (trimmed.length === 0) {
    throw new TwitchRuleError("secret_missing", `The extension secret is empty. ${WHERE}`);
  }
  if (OAUTH_LIKE.test(trimmed)) {
    throw new TwitchRuleError(
      "secret_looks_like_client_secret",
      `This value looks like an OAuth Client Secret or Client ID (30 lowercase letters and digits), not the extension secret. ${WHERE}`,
    );
  }
  if (!BASE64.test(trimmed)) {
    const hint = /[-_]/.test(trimmed) ? " It contains - or _: paste it exactly as the console shows it." : "";
    throw new TwitchRuleError(
      "secret_not_base64",
      `The extension secret is not valid base64.${hint} ${WHERE}`,
    );
  }
  const bytes = Buffer.from(trimmed, "base64");
  if (bytes.length < 16) {
    throw new TwitchRuleError(
      "secret_too_short",
      `The extension secret decodes to only ${bytes.length} bytes; Twitch's decode to 32. ${WHERE}`,
    );
  }
  return bytes;
}
