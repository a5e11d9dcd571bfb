import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One delivery as the callback received it: its headers and raw body. */
export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the callback answers one delivery: a status and a text body. */
export type WebhookAnswer = (delivery: ReceivedDelivery) => { status: number; body?: string };

/** A real HTTP server on 127.0.0.1 standing in for an EBS's EventSub callback. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedDelivery[];
  answer: WebhookAnswer;
  /** Resolves once `count` deliveries arrived (fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

/** By default it answers a verification with its challenge and anything else with 204, as a good EBS does. */
export function answerAsAGoodEbs(delivery: ReceivedDelivery): { status: number; body?: string } {
  if (delivery.headers["twitch-eventsub-message-type"] === "webhook_callback_verification") {
    return { status: 200, body: (JSON.parse(delivery.body) as { challenge: string }).challenge };
  }
  return { status: 204 };
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const waiters: (() => void)[] = [];
  const receiver: WebhookReceiver = {
    url: "",
    received,
    answer: answerAsAGoodEbs,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`Only ${received.length} of ${count} deliveries arrived.`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const delivery = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(delivery);
      const { status, body } = receiver.answer(delivery);
      res.writeHead(status, { "Content-Type": "text/plain" }).end(body ?? "");
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/eventsub`;
  return receiver;
}
