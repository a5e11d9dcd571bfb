import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { LiveDashboard, LiveState } from "@ext/shared";

/** One request the fake EBS received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

/** What the fake EBS answers: a JSON value, or raw text to simulate a broken server. */
export type FakeAnswer =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; headers?: Record<string, string> };

export interface FakeEbs {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every non-preflight request but the live reads, in order. */
  requests: ReceivedRequest[];
  /** Every `GET /api/live` and `GET /api/live/dashboard`, in order (kept apart: pages read them by themselves). */
  liveRequests: ReceivedRequest[];
  /**
   * Queues answers for the next live reads (`afterMs` delays one); when the queue is empty a read gets
   * `liveDefault` (a state of channel 1234 with nothing counted, or a dashboard of it).
   */
  answerLive(...answers: Array<FakeAnswer & { afterMs?: number }>): void;
  /** How many CORS preflights were answered. */
  preflights: number;
  /**
   * Queues answers for the next requests; when the queue is empty the EBS queues an action (`POST`) and
   * says it was sent (`GET`).
   */
  answer(...answers: FakeAnswer[]): void;
  /** Answers the next request (the next with `method`, when given) only when `release()` is called. */
  hold(method?: "GET" | "POST"): { release: () => void };
  close(): Promise<void>;
}

/** A live state of channel 1234 (what `GET /api/live` answers and PubSub carries), with `patch` applied. */
export function liveState(patch: Partial<LiveState> = {}): LiveState {
  return {
    channelId: "1234",
    version: 1,
    stream: { live: true, startedAt: "2026-12-01T17:00:00.000Z" },
    streamCount: 0,
    allTimeCount: 0,
    recent: [],
    ...patch,
  };
}

/** The live config view's dashboard of `state`, chat untried and nothing refused, with `patch` applied. */
export function liveDashboard(patch: Partial<LiveDashboard> = {}): LiveDashboard {
  return {
    state: liveState(),
    chat: { state: "untried", lastSentAt: null },
    lastRefusal: null,
    ...patch,
  };
}

/** The EBS's answer to a queued action: 202 with its id. */
export function queuedAnswer(actionId = "action-1"): FakeAnswer {
  return { status: 202, json: { status: "queued", actionId, channelId: "1234" } };
}

/** The EBS's answer to `GET /api/actions/:id`. */
export function statusAnswer(status: {
  actionId?: string;
  status: "queued" | "sent" | "failed";
  text?: string;
  error?: { code: string; message: string };
}): FakeAnswer {
  return { status: 200, json: { actionId: "action-1", ...status } };
}

/** The EBS's answer (202) to a verified Bits receipt: the announcement is action `actionId`. */
export function bitsAcceptedAnswer(actionId = "action-1", status: "queued" | "known" = "queued"): FakeAnswer {
  return { status: 202, json: { status, transactionId: "tx-1", actionId, channelId: "1234" } };
}

/** The EBS's 202 for a purchase chat posts nothing for: recorded with chat off, or awaiting Twitch's word. */
export function bitsUnpostedAnswer(
  status: "recorded_chat_off" | "known" | "pending_confirmation",
): FakeAnswer {
  return { status: 202, json: { status, transactionId: "tx-1", channelId: "1234" } };
}

/** The EBS queues the action (`actionId`), then says it reached chat as `text`. */
export function queuedThenSent(
  text = "A viewer sent some hype to the stream! 🎉",
  actionId = "action-1",
): [FakeAnswer, FakeAnswer] {
  return [queuedAnswer(actionId), statusAnswer({ actionId, status: "sent", text })];
}

/** The EBS's error answer: `{ error: { code, message, retryAfterSeconds? } }`. */
export function errorAnswer(status: number, code: string, retryAfterSeconds?: number): FakeAnswer {
  return {
    status,
    json: {
      error: { code, message: `server says ${code}`, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) },
    },
  };
}

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, answer: FakeAnswer): void {
  const isJson = "json" in answer;
  res.writeHead(answer.status, {
    ...CORS_HEADERS,
    "Content-Type": isJson ? "application/json" : "text/html",
    ...answer.headers,
  });
  res.end(isJson ? JSON.stringify(answer.json) : answer.text);
}

/**
 * A real HTTP server on 127.0.0.1, port 0, answering `POST /api/actions`, `GET /api/actions/:id` and
 * `POST /api/settings/changed` the way the EBS does (answers queued in order, over every path), and the
 * live reads `GET /api/live` and `GET /api/live/dashboard` from their own queue.
 */
export async function startFakeEbs(): Promise<FakeEbs> {
  const queue: FakeAnswer[] = [];
  const requests: ReceivedRequest[] = [];
  const liveRequests: ReceivedRequest[] = [];
  const liveQueue: Array<FakeAnswer & { afterMs?: number }> = [];
  let gate: { method: string | undefined; opened: Promise<void> } | undefined;
  let preflights = 0;

  const server = createServer(async (req, res) => {
    if (req.method === "OPTIONS") {
      preflights++;
      res.writeHead(204, CORS_HEADERS).end();
      return;
    }
    const body = await readBody(req);
    const received = {
      method: req.method ?? "",
      path: req.url ?? "",
      authorization: req.headers.authorization,
      contentType: req.headers["content-type"],
      body,
    };
    if (req.method === "GET" && (req.url === "/api/live" || req.url === "/api/live/dashboard")) {
      liveRequests.push(received);
      const queued = liveQueue.shift();
      if (queued?.afterMs) await new Promise((resolve) => setTimeout(resolve, queued.afterMs));
      const fallback = req.url === "/api/live" ? liveState() : liveDashboard();
      send(res, queued ?? { status: 200, json: fallback });
      return;
    }
    requests.push(received);
    const [queued, sent] = queuedThenSent();
    const answer = queue.shift() ?? (req.method === "GET" ? sent : queued);
    if (gate && (gate.method === undefined || gate.method === req.method)) {
      const waiting = gate.opened;
      gate = undefined;
      await waiting;
    }
    const known =
      (req.method === "POST" && req.url === "/api/actions") ||
      (req.method === "GET" && /^\/api\/actions\/[^/?]+$/.test(req.url ?? "")) ||
      (req.method === "POST" && req.url === "/api/settings/changed") ||
      (req.method === "POST" && req.url === "/api/bits/transactions");
    if (!known) {
      send(res, errorAnswer(404, "not_found"));
      return;
    }
    send(res, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    liveRequests,
    answerLive(...answers) {
      liveQueue.push(...answers);
    },
    get preflights() {
      return preflights;
    },
    answer(...answers) {
      queue.push(...answers);
    },
    hold(method) {
      let release = () => {};
      const opened = new Promise<void>((resolve) => {
        release = resolve;
      });
      gate = { method, opened };
      return { release };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens: a port that was just freed. */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
