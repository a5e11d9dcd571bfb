import type { Response } from "express";

/** The rig API's error answer: `{ error: { code, message } }` with a message a person can act on. */
export function sendRigError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}
