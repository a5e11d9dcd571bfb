import { ConfigApp } from "../src/config/ConfigApp.tsx";
import type { SettingsNotifier } from "../src/config/use-settings-editor.ts";
import { renderPage } from "./render-page.tsx";

/** Renders the config view the way `src/config/main.tsx` does (`renderPage`), telling `ebs` of each save. */
export function renderConfig(ebs?: SettingsNotifier, options: { search?: string } = {}) {
  return renderPage((store) => <ConfigApp store={store} {...(ebs ? { ebs } : {})} />, options);
}
