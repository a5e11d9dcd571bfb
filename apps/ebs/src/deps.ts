import type { Clock } from "@ext/shared";
import type { Logger } from "pino";
import type { BitsAnnouncer } from "./bits/bits-announcer.ts";
import type { Config } from "./config.ts";
import type { Cooldowns } from "./delivery/cooldowns.ts";
import type { DeliveryQueue } from "./delivery/delivery-queue.ts";
import type { Live } from "./live/live.ts";
import type { BroadcasterSettingsSource } from "./settings/helix-configuration.ts";
import type { BitsLedger } from "./store/bits-ledger.ts";
import type { HelixClient } from "./twitch/helix-client.ts";

/** Everything `createApp` needs; `startEbs` (ebs.ts) builds them from the config. */
export interface AppDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** The one way out to Twitch (the settings route sets the required configuration through it). */
  helix: HelixClient;
  /** Where accepted actions go: in memory, or shared through Redis. */
  delivery: DeliveryQueue;
  /** The per-viewer cooldown; defaults to an in-memory one of `config.viewerCooldownSeconds`. */
  cooldowns?: Cooldowns;
  /** How long `GET /api/actions/:id` waits for a queued action to change (default 20 s). */
  longPollMs?: number;
  /** Each channel's broadcaster settings (chat on/off, template); absent: every channel has the defaults. */
  settings?: BroadcasterSettingsSource;
  /** The live state (`GET /api/live`, `/api/live/dashboard`); absent: those routes are not served. */
  live?: Live;
  /**
   * Bits purchases (`POST /api/bits/transactions`): the announcer, and the ledger it claims, where the receipt
   * route looks an unidentified viewer's transaction up before asking Twitch; absent: the route is not served.
   */
  bits?: { announcer: BitsAnnouncer; ledger: BitsLedger };
  /** The EventSub webhook (`POST /eventsub`), when EVENTSUB_CALLBACK_URL and EVENTSUB_SECRET are set. */
  eventSub?: { secret: string; ledger: BitsLedger; onRevoked: (status: string) => void };
  /** Called when a viewer token matches no secret: the secrets sync reads Twitch's list again (rate-limited). */
  onSignatureInvalid?: () => void;
}
