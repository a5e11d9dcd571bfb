import {
  BITS_TRANSACTION_EVENT,
  type Clock,
  EVENTSUB_HEADERS,
  type EventSubMessageType,
  eventSubBodySchemas,
  eventSubMessageTypes,
} from "@ext/shared";
import { verifyEventSubMessage } from "@ext/shared/server";
import express, { type Request } from "express";
import type { Logger } from "pino";
import type { z } from "zod/mini";
import { fromStore } from "../actions/action-routes.ts";
import { AppError } from "../app-error.ts";
import { EVENTSUB_WEBHOOK_PATH } from "../config.ts";
import type { Routes } from "../http/routes.ts";
import type { BitsLedger } from "../store/bits-ledger.ts";
import type { BitsAnnouncer } from "./bits-announcer.ts";

/** Largest delivery read: Twitch's are about 1 KB. */
const BODY_LIMIT = "64kb";

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return typeof value === "string" ? value : undefined;
}

function parseBody<T>(schema: z.ZodMiniType<T>, raw: Buffer): T {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new AppError({
      code: "body_invalid",
      status: 400,
      message: "The delivery's body is not JSON: Twitch sends every EventSub message as a JSON object.",
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError({
      code: "body_invalid",
      status: 400,
      message: "The delivery's body is not the JSON Twitch sends for this message type.",
    });
  }
  return parsed.data;
}

/**
 * `POST /eventsub`: Twitch's EventSub webhook for `extension.bits_transaction.create`. Every delivery is
 * checked before its body is believed (shared's `verifyEventSubMessage` on the *raw* bytes: HMAC with
 * EVENTSUB_SECRET, timestamps older than 10 minutes refused, 403 with the cause's code), then:
 * the verification challenge is answered as text/plain 200; a notification is handled once per message id
 * (the id is remembered in the durable store, so every instance agrees) and goes through the announcer
 * (the ledger's claim); a revocation is logged and the subscription made again (`onRevoked`).
 */
export function addEventSubRoutes(
  router: Routes,
  deps: {
    secret: string;
    clientId: string;
    clock: Clock;
    logger: Logger;
    ledger: BitsLedger;
    announcer: BitsAnnouncer;
    onRevoked: (status: string) => void;
    onVerified?: (subscriptionId: string) => void;
  },
): void {
  const { secret, clientId, clock, logger, ledger, announcer } = deps;
  router.post(
    EVENTSUB_WEBHOOK_PATH,
    express.raw({ type: () => true, limit: BODY_LIMIT }),
    async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const messageId = header(req, EVENTSUB_HEADERS.messageId);
      const checked = verifyEventSubMessage({
        headers: {
          messageId,
          timestamp: header(req, EVENTSUB_HEADERS.timestamp),
          signature: header(req, EVENTSUB_HEADERS.signature),
        },
        rawBody: raw,
        secret,
        clock,
      });
      if (!checked.ok) {
        logger.warn({ event: "eventsub_refused", code: checked.error.code }, "EventSub delivery refused");
        throw new AppError({ code: checked.error.code, status: 403, message: checked.error.message });
      }
      const type = header(req, EVENTSUB_HEADERS.messageType) as EventSubMessageType | undefined;
      if (!type || !eventSubMessageTypes.includes(type)) {
        throw new AppError({
          code: "body_invalid",
          status: 400,
          message: `The ${EVENTSUB_HEADERS.messageType} header is not one of ${eventSubMessageTypes.join(", ")}.`,
        });
      }
      if (type === "webhook_callback_verification") {
        const body = parseBody(eventSubBodySchemas.webhook_callback_verification, raw);
        logger.info(
          { event: "eventsub_verified", subscriptionId: body.subscription.id },
          "EventSub subscription verified: answering the challenge",
        );
        deps.onVerified?.(body.subscription.id);
        res.status(200).type("text/plain").send(body.challenge);
        return;
      }
      if (type === "revocation") {
        const body = parseBody(eventSubBodySchemas.revocation, raw);
        logger.warn(
          {
            event: "eventsub_revoked",
            subscriptionId: body.subscription.id,
            status: body.subscription.status,
          },
          "Twitch revoked the EventSub subscription: subscribing again",
        );
        deps.onRevoked(body.subscription.status);
        res.status(204).end();
        return;
      }
      const body = parseBody(eventSubBodySchemas.notification, raw);
      const id = messageId as string;
      if (!(await fromStore(ledger.firstDelivery(id, clock())))) {
        logger.debug({ event: "eventsub_duplicate", messageId: id }, "EventSub redelivery ignored");
        res.status(204).end();
        return;
      }
      const { event, subscription } = body;
      if (subscription.type !== BITS_TRANSACTION_EVENT.type || event.extension_client_id !== clientId) {
        logger.warn(
          { event: "eventsub_ignored", type: subscription.type },
          "EventSub notification for another type or extension ignored",
        );
        res.status(204).end();
        return;
      }
      try {
        await announcer.announce({
          transactionId: event.id,
          channelId: event.broadcaster_user_id,
          userId: event.user_id,
          sku: event.product.sku,
          product: { displayName: event.product.name, bits: event.product.bits },
          source: "eventsub",
        });
      } catch (error) {
        // Twitch retries a delivery not answered 2xx with the same id: forget it so the retry is handled.
        await ledger.forgetDelivery(id).catch(() => {});
        await fromStore(Promise.reject(error));
      }
      res.status(204).end();
    },
  );
}
