/**
 * Every Redis key of the EBS's Redis mode, in one place (the README lists what each holds). `prefix`
 * (default `ebs:`) lets several deployments, or tests, share one Redis.
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
  action(actionId: string): string;
  /** Pub/sub channel: comma-separated ids of actions that were just sent or failed. */
  actionsFinished: string;
  /** Prefix of rate-limiter-flexible's per-viewer cooldown keys. */
  cooldownPrefix: string;
}

export const DEFAULT_REDIS_PREFIX = "ebs:";

export function redisKeys(prefix = DEFAULT_REDIS_PREFIX): RedisKeys {
  return {
    queue: (ch) => `${prefix}queue:${ch}`,
    processing: (ch) => `${prefix}processing:${ch}`,
    lease: (ch) => `${prefix}lease:${ch}`,
    sends: (ch) => `${prefix}sends:${ch}`,
    blockedUntil: (ch) => `${prefix}blocked-until:${ch}`,
    channels: `${prefix}channels`,
    action: (id) => `${prefix}action:${id}`,
    actionsFinished: `${prefix}actions-finished`,
    cooldownPrefix: `${prefix}cooldown`,
  };
}
