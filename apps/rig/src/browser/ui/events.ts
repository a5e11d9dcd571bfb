import type {
  ChannelContextChange,
  ChatMessage,
  LogEntry,
  RigEvent,
  RigStateView,
  ViewEvent,
} from "../protocol.ts";

export interface EventHandlers {
  chat(message: ChatMessage): void;
  log(entry: LogEntry): void;
  state(state: RigStateView): void;
  /** PubSub and configuration events, for the frames. */
  frameEvent(event: RigEvent): void;
  /** A channel's viewer context changed (any channel: the handler picks the selected one). */
  context(change: ChannelContextChange): void;
  /** A visibility or highlight event for a channel's frames. */
  viewEvent(event: ViewEvent): void;
  /** The stream (re)connected: whatever happened while it was down must be read again. */
  connected(): void;
  disconnected(): void;
}

/** Follows `GET /rig/api/events` (Server-Sent Events); the browser reconnects by itself after a drop. */
export function connectEvents(handlers: EventHandlers): EventSource {
  const source = new EventSource("/rig/api/events");
  const parse = (event: MessageEvent): unknown => JSON.parse(String(event.data));
  source.addEventListener("open", () => handlers.connected());
  source.addEventListener("error", () => handlers.disconnected());
  source.addEventListener("chat", (event) => handlers.chat(parse(event) as ChatMessage));
  source.addEventListener("log", (event) => handlers.log(parse(event) as LogEntry));
  source.addEventListener("state", (event) => handlers.state(parse(event) as RigStateView));
  source.addEventListener("context", (event) => handlers.context(parse(event) as ChannelContextChange));
  source.addEventListener("viewEvent", (event) => handlers.viewEvent(parse(event) as ViewEvent));
  source.addEventListener("pubsub", (event) =>
    handlers.frameEvent({
      event: "pubsub",
      data: parse(event) as Extract<RigEvent, { event: "pubsub" }>["data"],
    }),
  );
  source.addEventListener("configuration", (event) =>
    handlers.frameEvent({
      event: "configuration",
      data: parse(event) as Extract<RigEvent, { event: "configuration" }>["data"],
    }),
  );
  source.addEventListener("bits", (event) =>
    handlers.frameEvent({
      event: "bits",
      data: parse(event) as Extract<RigEvent, { event: "bits" }>["data"],
    }),
  );
  return source;
}
