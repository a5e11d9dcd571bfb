/**
 * DEVELOPMENT ONLY: the committed development extension ("Hype Button") and the EBS's environment for it.
 * Every value here is public (committed to git) and identifies no real Twitch extension. The rig serves it,
 * the EBS's tests and the bench use it; production code never imports this entry.
 */
export {
  DEV_CONFIG,
  type DeclaredComponentView,
  type DeclaredView,
  type DeclaredViews,
  type DevChannel,
  type DevConfig,
  type DevUser,
  PANEL_HEIGHT_LIMITS,
} from "./dev-extension/dev-extension.ts";
export { ebsEnvironment } from "./dev-extension/ebs-environment.ts";
