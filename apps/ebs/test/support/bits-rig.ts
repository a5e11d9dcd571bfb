import { type BitsTransactionAccepted, bitsTransactionAcceptedSchema, EBS_PATHS } from "@ext/shared";
import { viewerToken } from "./process-api.ts";
import { type Child, RIG_DEV } from "./processes.ts";

/** A viewer of the rig who shared identity: Get Users knows their name. */
export const BUYER = Object.entries(RIG_DEV.namedViewers)[0] as [string, string];

async function rigJson<T>(
  rigUrl: string,
  path: string,
  init?: { method: string; body: unknown },
): Promise<T> {
  const res = await fetch(`${rigUrl}${path}`, {
    method: init?.method ?? "GET",
    headers: { "Content-Type": "application/json" },
    ...(init ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!res.ok) throw new Error(`rig ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** An EventSub subscription as the rig lists it. */
export interface RigSubscription {
  id: string;
  status: string;
  transport: { callback: string };
}

/** The rig's Bits: a buyer with enough Bits, purchases made in it, its EventSub subscriptions. */
export function rigBits(rigUrl: string) {
  return {
    setBalance(userId: string, balance: number) {
      return rigJson(rigUrl, `/rig/api/bits/balances/${userId}`, { method: "PUT", body: { balance } });
    },
    /** A confirmed useBits in the rig: Bits spent, the transaction recorded, EventSub notified; the receipt. */
    async purchase(input: { channelId: string; userId: string; sku: string }) {
      const answer = await rigJson<{ transaction: { transactionID: string; transactionReceipt: string } }>(
        rigUrl,
        "/rig/api/bits/purchases",
        { method: "POST", body: input },
      );
      return {
        transactionId: answer.transaction.transactionID,
        receipt: answer.transaction.transactionReceipt,
      };
    },
    async subscriptions(): Promise<RigSubscription[]> {
      return (await rigJson<{ subscriptions: RigSubscription[] }>(rigUrl, "/rig/api/bits")).subscriptions;
    },
    async chat(channelId: string): Promise<string[]> {
      const { messages } = await rigJson<{ messages: { text: string }[] }>(
        rigUrl,
        `/rig/api/channels/${channelId}/chat`,
      );
      return messages.map((m) => m.text);
    },
  };
}

/**
 * POST /api/bits/transactions on `via` as the buyer in `channelId` (without `userId`: a viewer who has not
 * shared identity): the status and the answer.
 */
export async function reportReceipt(
  via: Child,
  input: { channelId: string; userId?: string; receipt: string },
): Promise<{ status: number; body: BitsTransactionAccepted | unknown }> {
  const res = await fetch(`${via.url}${EBS_PATHS.bitsTransaction}`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${viewerToken(input.channelId, 0, input.userId)}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ transactionReceipt: input.receipt }),
  });
  const body: unknown = await res.json();
  const accepted = bitsTransactionAcceptedSchema.safeParse(body);
  return { status: res.status, body: accepted.success ? accepted.data : body };
}

/** Waits (real time) until `check` holds, or throws after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
