import { randomBytes, randomUUID } from "node:crypto";
import { EVENTSUB_HEADERS, type EventSubSubscription } from "@ext/shared";
import { diagnoseEventSubCallback, signEventSubMessage } from "@ext/shared/server";
import type { RigState } from "../state/rig-state.ts";
import { loggableUrl } from "../twitch-api/loggable-path.ts";
import { bitsTransactionEvent, type DeliveryBody } from "./messages.ts";

export interface EventSubDeliveryOptions {
  /** Waits before each retry of a notification; its length is how many retries (Twitch retries, bounded). */
  retryDelaysMs?: readonly number[];
  /** Notifications in a row whose every attempt failed before the subscription is revoked. */
  failuresBeforeRevocation?: number;
  /** How long a callback has to answer, its body included (Twitch: "within a few seconds"). */
  timeoutMs?: number;
  /**
   * Notifications to one subscription waiting for an answer or a retry at once; one more is not sent and
   * counts as failed (a callback that cannot keep up is revoked, as on Twitch), so a hanging callback under a
   * stream of purchases holds a bounded number of requests.
   */
  maxInFlightPerSubscription?: number;
}

const DEFAULTS = {
  retryDelaysMs: [1000, 3000, 9000],
  failuresBeforeRevocation: 3,
  timeoutMs: 5000,
  maxInFlightPerSubscription: 20,
};

/** How much of a callback's answer is read: a challenge is 32 characters; the rest is only shown in the log. */
const ANSWER_READ_BYTES = 4096;

type Answer = { status: number; text: string } | { status: 0; error: string };

/** At most `limit` bytes of a response's body as text; the rest is never read (the stream is cancelled). */
async function readAtMost(response: Response, limit: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, limit).toString("utf8");
}

/**
 * Twitch's side of EventSub webhooks, for the rig's subscriptions: the verification challenge to a new
 * subscription's callback (enabled only when the callback answers the challenge exactly), a signed
 * notification to every enabled subscription for each purchase (the same message id on each retry, bounded
 * retries), and a revocation when the callback keeps failing or the rig is told to revoke. Every delivery
 * is in the request log, marked outgoing, with why it failed.
 */
export function startEventSubDeliveries(state: RigState, options: EventSubDeliveryOptions = {}): void {
  const { retryDelaysMs, failuresBeforeRevocation, timeoutMs, maxInFlightPerSubscription } = {
    ...DEFAULTS,
    ...options,
  };
  const inFlight = new Map<string, number>();
  // A retry's wait never keeps the process alive: a rig that stops drops what it still had to send.
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

  const send = async (
    stored: { subscription: EventSubSubscription; secret: string },
    delivery: DeliveryBody,
    messageId: string,
    attempt: number,
  ): Promise<Answer> => {
    const body = JSON.stringify(delivery.body);
    const timestamp = new Date(state.clock()).toISOString();
    const { subscription } = stored;
    // Judged again at each delivery, on the URL actually called: nothing reaches a host the rig was not allowed.
    const allowed = diagnoseEventSubCallback(subscription.transport.callback, state.eventsub.callbackRule);
    if (!allowed.ok) return { status: 0, error: `not sent: ${allowed.diagnosis}` };
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      [EVENTSUB_HEADERS.messageId]: messageId,
      [EVENTSUB_HEADERS.retry]: String(attempt),
      [EVENTSUB_HEADERS.messageType]: delivery.messageType,
      [EVENTSUB_HEADERS.timestamp]: timestamp,
      [EVENTSUB_HEADERS.signature]: signEventSubMessage({
        secret: stored.secret,
        messageId,
        timestamp,
        body,
      }),
      [EVENTSUB_HEADERS.subscriptionType]: subscription.type,
      [EVENTSUB_HEADERS.subscriptionVersion]: subscription.version,
    };
    try {
      // Twitch follows no redirect: a 3xx is an answer that is not 2xx.
      const response = await fetch(allowed.callback, {
        method: "POST",
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, text: await readAtMost(response, ANSWER_READ_BYTES) };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return {
        status: 0,
        error:
          (error as Error).name === "TimeoutError"
            ? `no answer within ${timeoutMs} ms`
            : (cause ?? (error as Error).message),
      };
    }
  };

  const log = (input: {
    delivery: DeliveryBody;
    callback: string;
    answer: Answer;
    attempt: number;
    diagnosis?: string;
  }) => {
    const { answer } = input;
    state.record({
      method: "POST",
      path: `EventSub ${input.delivery.messageType}${input.attempt > 0 ? ` (retry ${input.attempt})` : ""} → ${loggableUrl(input.callback)}`,
      status: answer.status,
      outgoing: true,
      ...(input.diagnosis ? { diagnosis: input.diagnosis } : {}),
    });
  };

  const failureWords = (answer: Answer) =>
    "error" in answer
      ? `the callback did not answer (${answer.error})`
      : `the callback answered ${answer.status}`;

  const verify = async (id: string) => {
    const stored = state.eventsub.get(id);
    if (!stored) return;
    const challenge = randomBytes(24).toString("base64url");
    const delivery: DeliveryBody = {
      messageType: "webhook_callback_verification",
      body: { challenge, subscription: structuredClone(stored.subscription) },
    };
    const answer = await send(stored, delivery, randomUUID(), 0);
    const ok = answer.status >= 200 && answer.status < 300 && "text" in answer && answer.text === challenge;
    const diagnosis = ok
      ? undefined
      : answer.status >= 200 && answer.status < 300
        ? `The callback answered ${answer.status} but not with the challenge: reply with exactly the "challenge" value as a text/plain body, nothing around it. The subscription failed verification.`
        : `${failureWords(answer)}: a verification challenge must be answered 200 with the challenge as text/plain. The subscription failed verification.`;
    log({
      delivery,
      callback: stored.subscription.transport.callback,
      answer,
      attempt: 0,
      ...(diagnosis ? { diagnosis } : {}),
    });
    // Deleted or revoked while the challenge was out: its status stays what that made it.
    if (state.eventsub.get(id)?.subscription.status !== "webhook_callback_verification_pending") return;
    state.eventsub.setStatus(id, ok ? "enabled" : "webhook_callback_verification_failed");
  };

  const notify = async (id: string, event: DeliveryBody & { messageType: "notification" }) => {
    const waiting = inFlight.get(id) ?? 0;
    if (waiting >= maxInFlightPerSubscription) {
      log({
        delivery: event,
        callback: event.body.subscription.transport.callback,
        answer: { status: 0, error: "not sent" },
        attempt: 0,
        diagnosis: `Not sent: ${waiting} notifications to this callback are still waiting for an answer or a retry; answer each 2xx within ${timeoutMs} ms. Counted as a failed notification.`,
      });
      failed(id);
      return;
    }
    inFlight.set(id, waiting + 1);
    try {
      await deliver(id, event);
    } finally {
      const left = (inFlight.get(id) ?? 1) - 1;
      if (left > 0) inFlight.set(id, left);
      else inFlight.delete(id);
    }
  };

  const failed = (id: string) => {
    // Revoked once: notifications still out when it happened do not revoke (and notify) it again.
    if (state.eventsub.get(id)?.subscription.status !== "enabled") return;
    if (state.eventsub.countFailure(id, true) >= failuresBeforeRevocation) {
      revoke(id, "notification_failures_exceeded");
    }
  };

  const deliver = async (id: string, event: DeliveryBody & { messageType: "notification" }) => {
    const messageId = randomUUID();
    for (let attempt = 0; attempt <= retryDelaysMs.length; attempt++) {
      const stored = state.eventsub.get(id);
      if (stored === undefined || stored.subscription.status !== "enabled") return;
      const answer = await send(stored, event, messageId, attempt);
      const ok = answer.status >= 200 && answer.status < 300;
      const last = attempt === retryDelaysMs.length;
      log({
        delivery: event,
        callback: stored.subscription.transport.callback,
        answer,
        attempt,
        ...(ok
          ? {}
          : {
              diagnosis: `${failureWords(answer)}: a notification must be answered 2xx quickly. ${last ? "No retry left." : `Retrying with the same message id in ${retryDelaysMs[attempt]} ms.`}`,
            }),
      });
      if (ok) {
        state.eventsub.countFailure(id, false);
        return;
      }
      if (!last) await wait(retryDelaysMs[attempt] as number);
    }
    failed(id);
  };

  const revoke = (
    id: string,
    status: "notification_failures_exceeded" | "authorization_revoked" | "user_removed" | "version_removed",
  ) => {
    const subscription = state.eventsub.setStatus(id, status);
    if (subscription) state.publish("eventsub", { action: "revoked", subscription });
  };

  const sendRevocation = async (subscription: EventSubSubscription) => {
    const stored = state.eventsub.get(subscription.id);
    if (!stored) return;
    const delivery: DeliveryBody = { messageType: "revocation", body: { subscription } };
    const answer = await send(stored, delivery, randomUUID(), 0);
    log({
      delivery,
      callback: subscription.transport.callback,
      answer,
      attempt: 0,
      diagnosis: `Subscription revoked (${subscription.status}): Twitch sends nothing more to it; create a new one.`,
    });
  };

  state.on("eventsub", ({ action, subscription }) => {
    void (action === "created" ? verify(subscription.id) : sendRevocation(subscription));
  });
  state.on("bits", (purchase) => {
    if (purchase.loopback) return;
    const transaction = state.bits.transactions().find((t) => t.id === purchase.transaction.transactionID);
    if (!transaction) return;
    for (const subscription of state.eventsub.list()) {
      if (subscription.status !== "enabled") continue;
      const event = bitsTransactionEvent(transaction, state.extension.clientId);
      void notify(subscription.id, { messageType: "notification", body: { subscription, event } });
    }
  });
}
