/**
 * The part of Twitch's Extension Helper (`window.Twitch.ext`, typed by `@types/twitch-ext`) the panel and
 * the config view use. The real helper satisfies it; tests install a fake that implements just this.
 */
export type TwitchExt = Pick<
  typeof Twitch.ext,
  "onAuthorized" | "onContext" | "onError" | "onVisibilityChanged" | "listen" | "unlisten"
> & {
  features: Pick<typeof Twitch.ext.features, "isChatEnabled" | "onChanged">;
  actions: Pick<typeof Twitch.ext.actions, "requestIdShare">;
  configuration: Pick<typeof Twitch.ext.configuration, "broadcaster" | "onChanged" | "set">;
} & BitsHelper;

/** Bits in Extensions: the flag and `Twitch.ext.bits` (a page that never shows Bits never calls them). */
interface BitsHelper {
  features: Pick<typeof Twitch.ext.features, "isBitsEnabled">;
  bits: Pick<
    typeof Twitch.ext.bits,
    | "getProducts"
    | "useBits"
    | "onTransactionComplete"
    | "onTransactionCancelled"
    | "setUseLoopback"
    | "showBitsBalance"
  >;
}

export type TwitchAuthorized = Twitch.ext.Authorized;
export type TwitchTheme = Twitch.ext.Context["theme"];
/** What `Twitch.ext.listen` calls with each PubSub message: its target, content type and text. */
export type PubSubListener = (target: string, contentType: string, message: string) => void;

declare global {
  interface Window {
    /** Set by Twitch's helper script; absent when it did not load. */
    Twitch?: { ext: TwitchExt };
  }
}
