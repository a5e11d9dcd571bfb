import { render } from "@testing-library/react";
import { ConfigApp } from "../src/config/ConfigApp.tsx";
import { findTwitchExt } from "../src/twitch/helper.ts";
import { createTwitchStore } from "../src/twitch/twitch-store.ts";

/** Renders the config view the way `src/config/main.tsx` does, with the helper found on `window`. */
export function renderConfig() {
  const ext = findTwitchExt();
  return render(<ConfigApp store={ext ? createTwitchStore(ext) : undefined} />);
}
