import {
  BROADCASTER_SETTINGS_SEGMENT,
  type BroadcasterSettings,
  type Clock,
  DEFAULT_BROADCASTER_SETTINGS,
  parseBroadcasterSettings,
  savedSettingsAreValid,
  TWITCH,
} from "@ext/shared";
import { buildExternalServiceClaims, signExtensionJwt } from "@ext/shared/server";
import type { AxiosInstance } from "axios";
import type { Logger } from "pino";
import { z } from "zod";
import type { Config } from "../config.ts";
import { safeCause } from "../errors.ts";
import { createTwitchHttp } from "../twitch/http-client.ts";

/** How long a channel's settings are used before they are read again (a save also refreshes them at once). */
export const SETTINGS_TTL_MS = 60 * 1000;
/** After a failed read, how long the last known settings are used before trying again. */
const RETRY_AFTER_FAILURE_MS = 10 * 1000;

const segmentsSchema = z.object({
  data: z.array(z.object({ segment: z.string(), content: z.string().optional() })),
});

/** A channel's settings as read, and whether the broadcaster saved valid ones (not just the defaults). */
export interface ChannelSettings {
  settings: BroadcasterSettings;
  saved: boolean;
}

/** What each channel's broadcaster chose in the config view, as the EBS honours it. */
export interface BroadcasterSettingsSource {
  get(channelId: string): Promise<BroadcasterSettings>;
  /** Reads the channel's settings from Twitch now, whatever the cache holds (after a save). */
  refresh(channelId: string): Promise<ChannelSettings>;
}

/**
 * Reads the `broadcaster` segment through Helix `GET /helix/extensions/configurations` with an external
 * JWT, parsed with the same `parseBroadcasterSettings` the panel and the config view use, and cached per
 * channel. When Twitch cannot be read, the last known settings (or the defaults) stand: a Configuration
 * Service outage must not stop chat.
 */
export function createBroadcasterSettingsSource(input: {
  config: Config;
  clock: Clock;
  logger: Logger;
  http?: AxiosInstance;
  ttlMs?: number;
}): BroadcasterSettingsSource {
  const { config, clock, logger } = input;
  const http = input.http ?? createTwitchHttp(config.twitchTimeoutMs);
  const ttlMs = input.ttlMs ?? SETTINGS_TTL_MS;
  const cache = new Map<string, ChannelSettings & { expiresAt: number }>();
  const reading = new Map<string, Promise<ChannelSettings>>();

  async function read(channelId: string): Promise<ChannelSettings> {
    const claims = buildExternalServiceClaims({ ownerUserId: config.ownerUserId, channelId, clock });
    const url = new URL(TWITCH.configurationsPath, config.apiBase);
    url.searchParams.set("extension_id", config.clientId);
    url.searchParams.set("segment", BROADCASTER_SETTINGS_SEGMENT);
    url.searchParams.set("broadcaster_id", channelId);
    const known = cache.get(channelId);
    try {
      const response = await http.get(url.toString(), {
        headers: {
          Authorization: `Bearer ${signExtensionJwt(claims, config.secrets, clock)}`,
          "Client-Id": config.clientId,
        },
      });
      const body = segmentsSchema.safeParse(response.data);
      if (response.status !== 200 || !body.success) {
        throw new Error(`Get Extension Configuration Segment answered ${response.status}`);
      }
      const segment = body.data.data.find((s) => s.segment === BROADCASTER_SETTINGS_SEGMENT);
      const read = {
        settings: parseBroadcasterSettings(segment?.content),
        saved: savedSettingsAreValid(segment?.content),
      };
      cache.set(channelId, { ...read, expiresAt: clock() + ttlMs });
      return read;
    } catch (error) {
      logger.warn(
        { event: "settings_read_failed", channelId, error: safeCause(error).message },
        "could not read the broadcaster's settings: using the last known ones",
      );
      const fallback = known ?? { settings: { ...DEFAULT_BROADCASTER_SETTINGS }, saved: false };
      cache.set(channelId, { ...fallback, expiresAt: clock() + RETRY_AFTER_FAILURE_MS });
      return { settings: fallback.settings, saved: fallback.saved };
    }
  }

  function load(channelId: string): Promise<ChannelSettings> {
    let pending = reading.get(channelId);
    if (!pending) {
      pending = read(channelId).finally(() => reading.delete(channelId));
      reading.set(channelId, pending);
    }
    return pending;
  }

  return {
    async get(channelId) {
      const cached = cache.get(channelId);
      if (cached && cached.expiresAt > clock()) return cached.settings;
      return (await load(channelId)).settings;
    },
    async refresh(channelId) {
      // A read already under way may have started before the save: wait for it, then read again.
      await reading.get(channelId);
      return load(channelId);
    },
  };
}
