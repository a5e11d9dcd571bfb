/** Build-time settings, read once. `VITE_EBS_URL` must also be in the extension's URL-fetching allowlist. */
export const buildSettings = {
  ebsUrl: import.meta.env.VITE_EBS_URL || "http://localhost:8081",
  /** How long the panel waits for Twitch's next token after the EBS reported `token_expired`. */
  tokenRefreshTimeoutMs: 15_000,
} as const;
