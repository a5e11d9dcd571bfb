import { lazy, Suspense } from "react";
import { usePanelDeps } from "../hooks/panel-deps.tsx";
import { useTwitchStoreSnapshot } from "../hooks/use-twitch.ts";

/** Loaded only on channels that take Bits: most panels never download the shop. */
const BitsShop = lazy(() => import("./BitsShop.tsx"));

/** The Bits products, while the helper says the channel can take Bits (`features.isBitsEnabled`). */
export function BitsBlock() {
  const { twitch } = usePanelDeps();
  const { auth, bitsEnabled } = useTwitchStoreSnapshot(twitch);
  if (!twitch || !auth || bitsEnabled !== true) return null;
  return (
    <Suspense fallback={null}>
      <BitsShop twitch={twitch} channelId={auth.channelId} />
    </Suspense>
  );
}
