import type { PubSubEvent } from "../protocol.ts";

type Listener = (target: string, contentType: string, message: string) => void;

/** `Twitch.ext.listen`/`unlisten` and the delivery of the rig's PubSub events to them. */
export interface PubSubListeners {
  listen(target: string, callback: Listener): void;
  unlisten(target: string, callback: Listener): void;
  /**
   * Delivers `event` to the callbacks listening on its target when it concerns this frame: its channel (or the
   * `global` target), and for `whisper-<opaque id>` targets only this viewer's whispers.
   */
  deliver(event: PubSubEvent, frame: { channelId: string; opaqueId: string | undefined }): void;
}

export function createPubSubListeners(onThrow: (error: unknown) => void): PubSubListeners {
  const byTarget = new Map<string, Listener[]>();
  return {
    listen(target, callback) {
      if (typeof callback !== "function") return;
      byTarget.set(target, [...(byTarget.get(target) ?? []), callback]);
    },
    unlisten(target, callback) {
      const remaining = (byTarget.get(target) ?? []).filter((listener) => listener !== callback);
      if (remaining.length > 0) byTarget.set(target, remaining);
      else byTarget.delete(target);
    },
    deliver(event, frame) {
      if (event.target !== "global" && event.channelId !== frame.channelId) return;
      if (event.target.startsWith("whisper-") && event.target !== `whisper-${frame.opaqueId}`) return;
      const message = typeof event.message === "string" ? event.message : JSON.stringify(event.message);
      for (const listener of byTarget.get(event.target) ?? []) {
        try {
          listener(event.target, event.contentType, message);
        } catch (error) {
          onThrow(error);
        }
      }
    },
  };
}
