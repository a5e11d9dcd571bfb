import type { Request, Response } from "express";
import type { RigState } from "../state/rig-state.ts";
import type { RigEventName } from "../state/types.ts";

const EVENTS: readonly RigEventName[] = [
  "chat",
  "log",
  "state",
  "pubsub",
  "configuration",
  "context",
  "viewEvent",
  "bits",
];
/** A comment line this often keeps proxies and browsers from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

/** `GET /rig/api/events`: every rig event as Server-Sent Events, until the client goes away. */
export function streamEvents(state: RigState, heartbeatMs = HEARTBEAT_MS) {
  return (req: Request, res: Response): void => {
    res.status(200).set({
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    res.flushHeaders();
    res.write(": connected\n\n");
    const unsubscribe = EVENTS.map((event) =>
      state.on(event, (data) => {
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      }),
    );
    const heartbeat = setInterval(() => res.write(": heartbeat\n\n"), heartbeatMs);
    heartbeat.unref();
    req.on("close", () => {
      clearInterval(heartbeat);
      for (const off of unsubscribe) off();
    });
  };
}
