import { useSyncExternalStore } from "react";
import { SendStatus } from "../components/SendStatus.tsx";
import { spokenWords } from "../components/status-words.ts";
import { usePanelDeps } from "../hooks/panel-deps.tsx";
import { useT } from "../i18n/i18n-context.tsx";
import type { TwitchStore } from "../twitch/twitch-store.ts";
import { bitsStoreFor } from "./bits-store.ts";
import { purchaseWords } from "./purchase-words.ts";
import { useBitsProducts } from "./use-bits-products.ts";

/**
 * The Bits products of the channel (shown only while `features.isBitsEnabled`): a button per product with
 * Twitch's name and price, what became of the viewer's purchase, and a note when someone else bought a
 * broadcast product. Its own polite region, not a second `status` (that role stays the click's outcome).
 */
export default function BitsShop({ twitch, channelId }: { twitch: TwitchStore; channelId: string }) {
  const { ebs, tokenRefreshTimeoutMs } = usePanelDeps();
  const t = useT();
  const store = bitsStoreFor({ twitch, ebs, tokenRefreshTimeoutMs, loopback: import.meta.env.DEV });
  const { purchase, note } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const products = useBitsProducts(twitch, true, channelId);
  if (products.length === 0) return null;
  const busy = ["confirming", "reporting", "queued"].includes(purchase.status);
  const words = purchaseWords(purchase, t);
  return (
    <section className="bits" aria-labelledby="bits-title">
      <h2 id="bits-title" className="bits__title">
        {t("bits.title")}
      </h2>
      {note ? (
        <p className="bits__note">
          {t("bits.note", { viewer: note.displayName, count: note.bits, product: note.product })}
        </p>
      ) : null}
      <ul className="bits__products">
        {products.map((product) => (
          <li key={product.sku}>
            <button
              type="button"
              className="bits__buy"
              data-sku={product.sku}
              disabled={busy}
              aria-busy={busy}
              onClick={() => store.buy(product.sku)}
              onMouseEnter={() => twitch.ext.bits.showBitsBalance()}
            >
              <span>{product.displayName}</span>
              <span className="bits__cost">{t("bits.cost", { count: product.bits })}</span>
            </button>
          </li>
        ))}
      </ul>
      <SendStatus words={words} />
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {spokenWords(words)}
      </p>
    </section>
  );
}
