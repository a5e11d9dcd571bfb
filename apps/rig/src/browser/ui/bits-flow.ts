import { rigApi } from "./api.ts";
import { createBitsPrompt } from "./bits-prompt.ts";
import type { UiStore } from "./store.ts";

/** One frame as the Bits flow sees it: where to draw, who the viewer is, how to talk to it. */
export interface BitsFrame {
  host: HTMLElement;
  key: string;
  /** The viewer's Twitch account (known to the rig even when identity is not shared); undefined: logged out. */
  accountId: string | undefined;
  say(text: string, error?: boolean): void;
  /** Tells the frame's helper: onTransactionCancelled. */
  cancelled(): void;
}

/**
 * What the rig page does for `useBits(sku)` and `showBitsBalance()`, as Twitch's page does: a logged-out
 * viewer is asked to log in, a channel that cannot take Bits says so, a viewer short of Bits is told how
 * many are missing; otherwise the confirmation, and a confirmed purchase goes to `POST /rig/api/bits/purchases`
 * (its `bits` event then completes the frames). Loopback with an in-development product asks nothing.
 */
export function createBitsFlow(store: UiStore) {
  const prompt = createBitsPrompt();
  const cancel = (frame: BitsFrame, why: string) => {
    frame.say(`useBits: ${why}: onTransactionCancelled`);
    frame.cancelled();
  };
  const buy = async (frame: BitsFrame, request: { userId: string; sku: string; loopback: boolean }) => {
    try {
      const result = await rigApi.purchase({ channelId: store.channelId, ...request });
      frame.say(
        result.loopback
          ? `useBits: loopback: ${request.sku} completed without spending Bits`
          : `useBits: bought ${request.sku}; balance ${result.balance} Bits`,
      );
    } catch (error) {
      frame.say(`useBits failed: ${error instanceof Error ? error.message : String(error)}`, true);
      frame.cancelled();
    }
  };

  return {
    async useBits(frame: BitsFrame, sku: string, loopback: boolean): Promise<void> {
      const channel = store.channel();
      const userId = frame.accountId;
      if (!userId) {
        prompt.refuse(
          frame.host,
          frame.key,
          {
            title: "Log in to use Bits",
            text: "Twitch asks a logged-out viewer to log in before any purchase.",
          },
          () => cancel(frame, "not logged in"),
        );
        return;
      }
      if (!channel?.bitsEligible) {
        prompt.refuse(
          frame.host,
          frame.key,
          {
            title: "Bits are not available here",
            text: `${channel?.displayName ?? "This channel"} cannot take Bits (isBitsEnabled is false): hide Bits products on such channels.`,
          },
          () => cancel(frame, "channel not eligible"),
        );
        return;
      }
      const [{ products }, overview] = await Promise.all([
        rigApi.bitsProducts(store.channelId),
        rigApi.bits(),
      ]);
      const product = products.find((p) => p.sku === sku);
      if (!product) {
        frame.say(`useBits: no product "${sku}" is offered on this channel: onTransactionCancelled`, true);
        frame.cancelled();
        return;
      }
      if (loopback && product.inDevelopment) {
        await buy(frame, { userId, sku, loopback: true });
        return;
      }
      const cost = Number(product.cost.amount);
      const balance = overview.balances.find((b) => b.userId === userId)?.balance ?? 0;
      if (balance < cost) {
        prompt.refuse(
          frame.host,
          frame.key,
          {
            title: "Not enough Bits",
            text: `${product.displayName} costs ${cost} Bits; your balance is ${balance}. Get ${cost - balance} more Bits first.`,
          },
          () => cancel(frame, "not enough Bits"),
        );
        return;
      }
      prompt.confirm(
        frame.host,
        frame.key,
        { productName: product.displayName, cost, balance },
        {
          buy: () => void buy(frame, { userId, sku, loopback: false }),
          cancel: () => cancel(frame, "the viewer cancelled"),
        },
      );
    },
    async showBalance(frame: BitsFrame): Promise<void> {
      if (!frame.accountId) return;
      const overview = await rigApi.bits();
      prompt.balance(
        frame.host,
        frame.key,
        overview.balances.find((b) => b.userId === frame.accountId)?.balance ?? 0,
      );
    },
  };
}
