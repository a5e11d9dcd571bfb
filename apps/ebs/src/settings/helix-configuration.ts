import {
  BROADCASTER_SETTINGS_SEGMENT,
  type BroadcasterSettings,
  type Clock,
  DEFAULT_BROADCASTER_SETTINGS,
  parseBroadcasterSettings,
  savedSettingsAreValid,
} from "@ext/shared";
import { getConfigurationSegment } from "@ext/shared/server";
import type { Logger } from "pino";
import { safeCause } from "../app-error.ts";
import type { Config } from "../config.ts";
import type { HelixClient } from "../twitch/helix-client.ts";

/** How long a channel's settings are used before they are read again (a save also refreshes them at once). */
export const SETTINGS_TTL_MS = 60 * 1000;
/** After a failed read, how long the last known settings are used before trying again. */
const RETRY_AFTER_FAILURE_MS = 10 * 1000;

/**
 * Waits between reads when a save has not reached Twitch's Configuration Service yet (`configuration.set`
 * in the helper returns before Twitch stores the segment): about 3.5 s in all, then a read within 10 s.
 */
export const STORED_SAVE_RETRY_MS = [100, 200, 400, 800, 2000] as const;

/** A channel's settings as read, and whether the broadcaster saved valid ones (not just the defaults). */
export interface ChannelSettings {
  settings: BroadcasterSettings;
  saved: boolean;
}

/** After a save: the settings now in use, and whether they are the saved ones. */
export interface RefreshedSettings extends ChannelSettings {
  /** Twitch's segment held the expected content (or, with none expected, Twitch answered). */
  inUse: boolean;
}

/** What each channel's broadcaster chose in the config view, as the EBS honours it. */
export interface BroadcasterSettingsSource {
  get(channelId: string): Promise<BroadcasterSettings>;
  /**
   * Reads the channel's settings from Twitch now, whatever the cache holds (after a save). With
   * `expectedContent` (what the config view just set) it reads again, briefly, until Twitch has it.
   */
  refresh(channelId: string, expectedContent?: string): Promise<RefreshedSettings>;
}

/** One read of the segment: the settings, its raw content, and whether Twitch answered at all. */
interface SegmentRead extends ChannelSettings {
  content: string | undefined;
  answered: boolean;
}

/**
 * Reads the `broadcaster` segment through Helix `GET /helix/extensions/configurations` with an external
 * JWT, parsed with the same `parseBroadcasterSettings` the panel and the config view use, and cached per
 * channel. When Twitch cannot be read, the last known settings (or the defaults) stand: a Configuration
 * Service outage must not stop chat.
 */
export function createBroadcasterSettingsSource(input: {
  config: Pick<Config, "clientId">;
  helix: HelixClient;
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
  /** Waits between reads after a save Twitch has not stored yet (default {@link STORED_SAVE_RETRY_MS}). */
  storedSaveRetryMs?: readonly number[];
}): BroadcasterSettingsSource {
  const { config, helix, clock, logger } = input;
  const ttlMs = input.ttlMs ?? SETTINGS_TTL_MS;
  const storedSaveRetryMs = input.storedSaveRetryMs ?? STORED_SAVE_RETRY_MS;
  const cache = new Map<string, ChannelSettings & { expiresAt: number }>();
  const reading = new Map<string, Promise<SegmentRead>>();

  async function read(channelId: string): Promise<SegmentRead> {
    const known = cache.get(channelId);
    try {
      const answer = await helix.call(
        getConfigurationSegment({
          clientId: config.clientId,
          broadcasterId: channelId,
          segment: BROADCASTER_SETTINGS_SEGMENT,
        }),
      );
      const segment = answer.data.data.find((s) => s.segment === BROADCASTER_SETTINGS_SEGMENT);
      const read = {
        settings: parseBroadcasterSettings(segment?.content),
        saved: savedSettingsAreValid(segment?.content),
      };
      cache.set(channelId, { ...read, expiresAt: clock() + ttlMs });
      return { ...read, content: segment?.content, answered: true };
    } catch (error) {
      logger.warn(
        { event: "settings_read_failed", channelId, error: safeCause(error).message },
        "could not read the broadcaster's settings: using the last known ones",
      );
      const fallback = known ?? { settings: { ...DEFAULT_BROADCASTER_SETTINGS }, saved: false };
      cache.set(channelId, { ...fallback, expiresAt: clock() + RETRY_AFTER_FAILURE_MS });
      return { settings: fallback.settings, saved: fallback.saved, content: undefined, answered: false };
    }
  }

  function load(channelId: string): Promise<SegmentRead> {
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
    async refresh(channelId, expectedContent) {
      // A read already under way may have started before the save: wait for it, then read again.
      await reading.get(channelId);
      const stored = (r: SegmentRead) =>
        r.answered && (expectedContent === undefined || r.content === expectedContent);
      let last = await load(channelId);
      for (const waitMs of storedSaveRetryMs) {
        if (stored(last) || !last.answered) break;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        last = await load(channelId);
      }
      if (!stored(last)) {
        // Read again soon rather than keep what may be the settings from before the save for a whole TTL.
        const entry = cache.get(channelId);
        if (entry) entry.expiresAt = Math.min(entry.expiresAt, clock() + RETRY_AFTER_FAILURE_MS);
        logger.warn(
          { event: "settings_save_not_seen", channelId, answered: last.answered },
          "Twitch did not show the broadcaster's saved settings yet: reading them again in a few seconds",
        );
      }
      return { settings: last.settings, saved: last.saved, inUse: stored(last) };
    },
  };
}
