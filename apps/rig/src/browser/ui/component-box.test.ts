import { describe, expect, it } from "vitest";
import { componentBox } from "./component-box.ts";

const PLAYER = { width: 960, height: 540 };
const VIEW = { viewerPath: "component.html", aspectWidth: 3, aspectHeight: 2, targetHeightPercent: 50 };

describe("the video component's box", () => {
  it("is the declared share of the player's height at the declared aspect, at the right edge by default", () => {
    const box = componentBox(VIEW, PLAYER, null);
    expect(box.height).toBe(270);
    expect(box.width).toBe(405);
    expect(box.position).toEqual({ x: 56.81, y: 10 });
    expect(box.left).toBeCloseTo(545.4, 1);
    expect(box.top).toBe(54);
    expect(box.scale).toBe(1);
  });

  it("stays inside the player wherever it is asked to go, and reports where it went", () => {
    expect(componentBox(VIEW, PLAYER, { x: 90, y: 80 }).position).toEqual({ x: 57.81, y: 50 });
    expect(componentBox(VIEW, PLAYER, { x: 5, y: 20 }).position).toEqual({ x: 5, y: 20 });
  });

  it("narrows a box wider than the player, and lays an autoscaled page out at its scale width", () => {
    const wide = componentBox(
      { ...VIEW, aspectWidth: 4, aspectHeight: 1, targetHeightPercent: 100 },
      PLAYER,
      null,
    );
    expect(wide.width).toBe(960);
    expect(wide.height).toBe(240);
    const scaled = componentBox({ ...VIEW, scalePixels: 1024 }, PLAYER, null);
    expect(scaled.layoutWidth).toBe(1024);
    expect(scaled.scale).toBeCloseTo(405 / 1024, 5);
    expect(scaled.layoutHeight).toBeCloseTo(1024 * (2 / 3), 5);
  });
});
