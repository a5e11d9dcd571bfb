import axios, { type AxiosInstance } from "axios";

/** Default time a Twitch call may take before the EBS gives up on it. */
export const TWITCH_TIMEOUT_MS = 5000;

/**
 * An axios instance for Twitch's APIs: a timeout, no environment proxy (the base URL is used as given),
 * and every status returned rather than thrown, so callers map Twitch's answers themselves.
 */
export function createTwitchHttp(timeoutMs: number = TWITCH_TIMEOUT_MS): AxiosInstance {
  return axios.create({
    timeout: timeoutMs,
    proxy: false,
    validateStatus: () => true,
    maxRedirects: 0,
    headers: { "User-Agent": "ext-ebs" },
  });
}

/** Reads a numeric header such as `Ratelimit-Reset`; undefined when absent or not a number. */
export function numericHeader(headers: Record<string, unknown>, name: string): number | undefined {
  const raw = headers[name.toLowerCase()];
  const value = typeof raw === "string" ? Number(raw.trim()) : typeof raw === "number" ? raw : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}
