import { render } from "@testing-library/react";
import { ConfigApp } from "../src/config/ConfigApp.tsx";
import type { SettingsNotifier } from "../src/config/use-settings-editor.ts";
import { findTwitchExt } from "../src/twitch/helper.ts";
import { createTwitchStore } from "../src/twitch/twitch-store.ts";

/** Renders the config view the way `src/config/main.tsx` does, with the helper found on `window`. */
export function renderConfig(ebs?: SettingsNotifier) {
  const ext = findTwitchExt();
  return render(<ConfigApp store={ext ? createTwitchStore(ext) : undefined} {...(ebs ? { ebs } : {})} />);
}
