import type { PubSubEvent } from "../protocol.ts";

type Listener = (target: string, contentType: string, message: string) => void;

/** Who a frame is, for PubSub: its channel and its viewer's ids (`userId` only when identity is shared). */
export interface PubSubFrame {
  channelId: string;
  opaqueId: string | undefined;
  userId?: string | null;
}

/** The whisper targets that reach this frame's viewer. */
function ownWhisperTargets(frame: PubSubFrame): string[] {
  const ids = [frame.opaqueId, frame.userId].filter(
    (id): id is string => typeof id === "string" && id !== "",
  );
  return ids.map((id) => `whisper-${id}`);
}

/** `Twitch.ext.listen`/`unlisten` and the delivery of the rig's PubSub events to them. */
export interface PubSubListeners {
  listen(target: string, callback: Listener): void;
  unlisten(target: string, callback: Listener): void;
  /**
   * Delivers `event` to the callbacks listening on its target when it concerns this frame: its channel's
   * broadcasts, every `global` message, and only this viewer's whispers (`whisper-<opaque id>`, or
   * `whisper-<user id>` once identity is shared). A whisper reaches the viewer's listeners on either form.
   */
  deliver(event: PubSubEvent, frame: PubSubFrame): void;
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
      let listened = [event.target];
      if (event.target.startsWith("whisper-")) {
        listened = ownWhisperTargets(frame);
        if (!listened.includes(event.target)) return;
      }
      const message = typeof event.message === "string" ? event.message : JSON.stringify(event.message);
      const called = new Set<Listener>();
      for (const target of listened) {
        for (const listener of byTarget.get(target) ?? []) {
          if (called.has(listener)) continue;
          called.add(listener);
          try {
            listener(target, event.contentType, message);
          } catch (error) {
            onThrow(error);
          }
        }
      }
    },
  };
}
