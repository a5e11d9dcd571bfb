/**
 * Every Redis key of the EBS's Redis mode, in one place (the README lists what each holds). `prefix`
 * (default `ebs:`) lets several deployments, or tests, share one Redis.
 *
 * Redis Cluster: every key of one channel carries the hash tag `{<channel id>}`, so the channel's queue,
 * processing list, lease, chat budget, its actions' statuses, its queued-once marks and its live state live in one slot and each Lua script or
 * MULTI touches one slot. The keys shared by all channels (`channels`, `actionsFinished`, the cooldown
 * prefix, `bitsPending`) are only ever used alone.
 */
export interface RedisKeys {
  /** LIST of a channel's pending actions (JSON {@link QueueItem}s), oldest first. */
  queue(channelId: string): string;
  /** LIST of the batch the channel's sender is posting right now (moved from the queue with LMOVE). */
  processing(channelId: string): string;
  /** STRING: the instance that is the channel's sender (SET NX PX, renewed while it works). */
  lease(channelId: string): string;
  /** ZSET of the channel's Helix chat calls in the last window (score: epoch ms). */
  sends(channelId: string): string;
  /** STRING: epoch ms before which the channel sends nothing (429, Ratelimit-Remaining 0, backoff). */
  blockedUntil(channelId: string): string;
  /** SET of channels with actions pending or being sent: what idle instances look at. */
  channels: string;
  /** HASH of one action's status (channelId, opaqueUserId, status, text, error, finishedAt), with a TTL. */
  action(channelId: string, actionId: string): string;
  /**
   * HASH (no TTL) of the actions queued "once" in the channel: field the caller's key (a Bits transaction
   * id), value the action id pushed under it. Set in the script that pushes, so a key is pushed once.
   */
  queuedOnce(channelId: string): string;
  /** Pub/sub channel: comma-separated ids of actions that were just sent or failed. */
  actionsFinished: string;
  /**
   * HASH of the channel's live state: version, allTime, streamStartedAt ('' before any stream), live
   * ('1'/'0'), lastSentAt, lastRefusal (JSON). No TTL: it is the durable count.
   */
  live(channelId: string): string;
  /** HASH of the channel's count per stream: field the stream's started_at ('' before any stream). */
  liveStreams(channelId: string): string;
  /** LIST of the channel's latest hypers (JSON), newest first, trimmed to LIVE_RECENT_MAX. */
  liveRecent(channelId: string): string;
  /** STRING (PX): set while the channel may not broadcast on PubSub (the interval, or a 429's wait). */
  pubsubGate(channelId: string): string;
  /** Prefix of rate-limiter-flexible's per-viewer cooldown keys. */
  cooldownPrefix: string;
  /**
   * STRING (JSON, no TTL): one Bits transaction of the ledger, claimed with SET NX. Hash-tagged by the
   * transaction, not the channel: a transaction is claimed once whatever channel a report names.
   */
  bitsTransaction(transactionId: string): string;
  /** STRING (PX): an EventSub message id already handled, so a redelivery is not handled twice. */
  eventSubMessage(messageId: string): string;
  /**
   * ZSET of the Bits transactions being claimed and queued right now (member `<action id>:<transaction id>`,
   * score: epoch ms when that report began), used alone: what the sweeper reads to queue a claim whose
   * process died before its push.
   */
  bitsPending: string;
}

export const DEFAULT_REDIS_PREFIX = "ebs:";

export function redisKeys(prefix = DEFAULT_REDIS_PREFIX): RedisKeys {
  const tag = (ch: string) => `${prefix}{${ch}}:`;
  return {
    queue: (ch) => `${tag(ch)}queue`,
    processing: (ch) => `${tag(ch)}processing`,
    lease: (ch) => `${tag(ch)}lease`,
    sends: (ch) => `${tag(ch)}sends`,
    blockedUntil: (ch) => `${tag(ch)}blocked-until`,
    channels: `${prefix}channels`,
    action: (ch, id) => `${tag(ch)}action:${id}`,
    queuedOnce: (ch) => `${tag(ch)}queued-once`,
    actionsFinished: `${prefix}actions-finished`,
    live: (ch) => `${tag(ch)}live`,
    liveStreams: (ch) => `${tag(ch)}live-streams`,
    liveRecent: (ch) => `${tag(ch)}live-recent`,
    pubsubGate: (ch) => `${tag(ch)}pubsub-gate`,
    cooldownPrefix: `${prefix}cooldown`,
    bitsTransaction: (id) => `${prefix}{bits-tx:${id}}`,
    eventSubMessage: (id) => `${prefix}{eventsub-msg:${id}}`,
    bitsPending: `${prefix}bits-pending`,
  };
}

/** The queue keys of versions before the hash tags: `startRedisMode` moves what they hold to today's keys. */
export function legacyQueueKeys(prefix = DEFAULT_REDIS_PREFIX) {
  return {
    queue: (ch: string) => `${prefix}queue:${ch}`,
    processing: (ch: string) => `${prefix}processing:${ch}`,
  };
}
