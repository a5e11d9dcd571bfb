/**
 * A Twitch rule the caller broke before anything was sent: a number where Twitch wants a string, an empty
 * id, a secret that is not the extension secret. `code` is stable; `message` says what to change.
 */
export class TwitchRuleError extends Error {
  override readonly name = "TwitchRuleError";
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
