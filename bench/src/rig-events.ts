import { performance } from "node:perf_hooks";

/** A chat call the rig logged, as the bench saw it arrive. */
export interface ChatCallSeen {
  channelId: string;
  status: number;
  fault?: string;
  /** performance.now() when the bench received the event. */
  at: number;
}

/** A chat message the rig posted, as the bench saw it arrive. */
export interface ChatMessageSeen {
  channelId: string;
  text: string;
  at: number;
}

/** An Extension PubSub message the rig relayed to a channel's frames, as the bench saw it arrive. */
export interface PubSubSeen {
  channelId: string;
  target: string;
  message: string;
  at: number;
}

/** Everything the rig's SSE stream said about chat and PubSub while the bench listened. */
export interface RigEvents {
  calls: ChatCallSeen[];
  messages: ChatMessageSeen[];
  /** PubSub messages the rig took (204) and relayed to the frames. */
  pubsub: PubSubSeen[];
  /** Statuses of the PubSub calls the rig refused (429 and any other). */
  pubsubRefusals: number[];
  onMessage(listener: (message: ChatMessageSeen) => void): void;
  close(): void;
}

/** Listens to `GET /rig/api/events` and keeps every chat call and chat message. */
export async function listenToRig(rigUrl: string): Promise<RigEvents> {
  const controller = new AbortController();
  const response = await fetch(`${rigUrl}/rig/api/events`, { signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`The rig's event stream answered ${response.status}`);
  const calls: ChatCallSeen[] = [];
  const messages: ChatMessageSeen[] = [];
  const pubsub: PubSubSeen[] = [];
  const pubsubRefusals: number[] = [];
  const listeners: ((m: ChatMessageSeen) => void)[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  const handle = (block: string) => {
    const event = /^event: (.+)$/m.exec(block)?.[1];
    const data = /^data: (.+)$/m.exec(block)?.[1];
    if (!event || !data) return;
    const at = performance.now();
    if (event === "chat") {
      const m = JSON.parse(data) as { channelId: string; text: string };
      const seen = { channelId: m.channelId, text: m.text, at };
      messages.push(seen);
      for (const l of listeners) l(seen);
    } else if (event === "pubsub") {
      const m = JSON.parse(data) as { channelId: string; target: string; message: unknown };
      const message = typeof m.message === "string" ? m.message : JSON.stringify(m.message);
      pubsub.push({ channelId: m.channelId, target: m.target, message, at });
    } else if (event === "log") {
      const entry = JSON.parse(data) as { method: string; path: string; status: number; fault?: string };
      if (
        entry.method === "POST" &&
        entry.path.startsWith("/helix/extensions/pubsub") &&
        entry.status >= 400
      ) {
        pubsubRefusals.push(entry.status);
      }
      if (entry.method !== "POST" || !entry.path.startsWith("/helix/extensions/chat")) return;
      const channelId = new URL(entry.path, "http://rig").searchParams.get("broadcaster_id") ?? "";
      calls.push({ channelId, status: entry.status, ...(entry.fault ? { fault: entry.fault } : {}), at });
    }
  };
  void (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          handle(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // the stream ends when the bench closes it or stops the rig
    }
  })();
  return {
    calls,
    messages,
    pubsub,
    pubsubRefusals,
    onMessage: (l) => listeners.push(l),
    close: () => controller.abort(),
  };
}

/** The largest number of calls to one channel within any `windowMs` (by arrival time). */
export function maxCallsPerWindow(
  calls: readonly { channelId: string; at: number }[],
  windowMs = 60_000,
): Map<string, number> {
  const byChannel = new Map<string, number[]>();
  for (const c of calls) byChannel.set(c.channelId, [...(byChannel.get(c.channelId) ?? []), c.at]);
  const result = new Map<string, number>();
  for (const [channel, times] of byChannel) {
    times.sort((a, b) => a - b);
    let best = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
      best = Math.max(best, end - start + 1);
    }
    result.set(channel, best);
  }
  return result;
}
