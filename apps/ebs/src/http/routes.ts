import type { Router } from "express";

/**
 * Where route modules add their routes: the app itself (one routing level per request, which the action
 * endpoint's throughput notices) or a Router.
 */
export type Routes = Pick<Router, "get" | "post">;
