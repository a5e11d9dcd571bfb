import { afterEach, beforeEach } from "vitest";
import { type FakeEbs, startFakeEbs } from "./fake-ebs.ts";
import { createFakeTwitchExt, type FakeTwitchExt, installFakeTwitch } from "./fake-twitch-ext.ts";

/** What each test gets: the fakes, and how to take `Twitch.ext` away or put another in its place. */
export interface PanelFakes {
  ebs: FakeEbs;
  twitch: FakeTwitchExt;
  /** Removes `window.Twitch` (as when Twitch's helper did not load). */
  uninstallTwitch(): void;
  /** Installs `next` as `window.Twitch` instead; it is taken down after the test as well. */
  replaceTwitch(next: FakeTwitchExt): void;
}

/**
 * A fresh fake EBS (a real HTTP server on 127.0.0.1) and a fake `Twitch.ext` installed on `window` for each
 * test of the file that calls this at its top level; `use` receives them before each test. Both are taken
 * down after it.
 */
export function withPanelFakes(use: (fakes: PanelFakes) => void): void {
  let ebs: FakeEbs | undefined;
  let uninstall: (() => void) | undefined;
  const uninstallTwitch = () => {
    uninstall?.();
    uninstall = undefined;
  };
  beforeEach(async () => {
    ebs = await startFakeEbs();
    const twitch = createFakeTwitchExt();
    uninstall = installFakeTwitch(twitch);
    use({
      ebs,
      twitch,
      uninstallTwitch,
      replaceTwitch(next) {
        uninstallTwitch();
        uninstall = installFakeTwitch(next);
      },
    });
  });
  afterEach(async () => {
    uninstallTwitch();
    await ebs?.close();
  });
}
