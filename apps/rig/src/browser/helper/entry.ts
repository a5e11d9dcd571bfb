import { createMockHelper } from "./create-helper.ts";
import { rigBaseFromScript } from "./rig-origin.ts";

declare global {
  interface Window {
    Twitch?: { ext: typeof Twitch.ext };
  }
}

const script = document.currentScript as HTMLScriptElement | null;
const helper = createMockHelper({
  win: window,
  rigBase: rigBaseFromScript(script, location.href),
  openEvents: (url) => new EventSource(url),
});
window.Twitch = { ext: helper.ext };
