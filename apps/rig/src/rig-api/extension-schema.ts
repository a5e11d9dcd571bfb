import { PANEL_HEIGHT_LIMITS } from "@ext/shared/dev-extension";
import { z } from "zod";

/**
 * A view's page as the console takes it: a path relative to the Testing Base URI or the zip's root (no scheme,
 * no leading slash, no `..`, no query).
 */
const viewerPath = z
  .string()
  .min(1)
  .max(200)
  .regex(
    /^(?![a-z][a-z0-9+.-]*:)(?!\/)(?!.*\.\.)[^\s?#\\]+$/i,
    "a path relative to the version's base URI, e.g. video_overlay.html (no scheme, no leading /, no ..)",
  );

const view = z.object({ viewerPath }).strict();

const panelView = z
  .object({
    viewerPath,
    height: z.number().int().min(PANEL_HEIGHT_LIMITS.min).max(PANEL_HEIGHT_LIMITS.max),
  })
  .strict();

const componentView = z
  .object({
    viewerPath,
    aspectWidth: z.number().int().min(1).max(10_000),
    aspectHeight: z.number().int().min(1).max(10_000),
    targetHeightPercent: z.number().min(1).max(100),
    scalePixels: z.number().int().min(100).max(4000).optional(),
  })
  .strict();

/** `PATCH /rig/api/extension`: the version's settings; a view set to null is no longer declared. */
export const extensionPatchSchema = z
  .object({
    chatCapability: z.boolean().optional(),
    requestIdentityLink: z.boolean().optional(),
    views: z
      .object({
        panel: panelView.nullable().optional(),
        videoOverlay: view.nullable().optional(),
        component: componentView.nullable().optional(),
        mobile: view.nullable().optional(),
        config: view.nullable().optional(),
        liveConfig: view.nullable().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
