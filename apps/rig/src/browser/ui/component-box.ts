import type { DeclaredComponentView } from "@ext/shared/dev-extension";

export interface ComponentBox {
  /** The box in the player, in CSS pixels. */
  left: number;
  top: number;
  width: number;
  height: number;
  /** The width and height the page is laid out at (the box's, or `scalePixels` wide when it autoscales). */
  layoutWidth: number;
  layoutHeight: number;
  /** The factor from the layout size to the box (1 without autoscale). */
  scale: number;
  /** What `onPositionChanged` reports: the top-left corner in percent of the player, two decimals. */
  position: { x: number; y: number };
}

/** Where the rig puts a component nobody has moved: at the player's right edge, a tenth of the way down. */
const DEFAULT_TOP_PERCENT = 10;
const EDGE_PERCENT = 1;

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The component's box in a player of `player` size: `targetHeightPercent` of the player's height at the declared
 * aspect ratio (narrowed to the player's width if it would not fit), at `position` (percent of the player,
 * kept inside it) or at the right edge when no position is set.
 */
export function componentBox(
  view: DeclaredComponentView,
  player: { width: number; height: number },
  position: { x: number; y: number } | null,
): ComponentBox {
  let height = (player.height * view.targetHeightPercent) / 100;
  let width = (height * view.aspectWidth) / view.aspectHeight;
  if (width > player.width) {
    width = player.width;
    height = (width * view.aspectHeight) / view.aspectWidth;
  }
  const widthPercent = (width / player.width) * 100;
  const heightPercent = (height / player.height) * 100;
  const wanted = position ?? { x: 100 - widthPercent - EDGE_PERCENT, y: DEFAULT_TOP_PERCENT };
  const x = round2(Math.min(Math.max(wanted.x, 0), Math.max(0, 100 - widthPercent)));
  const y = round2(Math.min(Math.max(wanted.y, 0), Math.max(0, 100 - heightPercent)));
  const scale = view.scalePixels ? width / view.scalePixels : 1;
  return {
    left: (x / 100) * player.width,
    top: (y / 100) * player.height,
    width,
    height,
    layoutWidth: view.scalePixels ?? width,
    layoutHeight: view.scalePixels ? height / scale : height,
    scale,
    position: { x, y },
  };
}
