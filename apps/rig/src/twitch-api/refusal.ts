import { DIAGNOSIS_HEADERS, encodeDiagnosisHeader, helixErrorBody, type Refusal } from "@ext/shared";
import type { Response } from "express";

/** What a route leaves in `res.locals` for the request log. */
export interface RecordedRefusal {
  code: Refusal["code"];
  diagnosis: string;
}

function markRefusal(res: Response, refusal: Refusal): void {
  res.locals.refusal = { code: refusal.code, diagnosis: refusal.diagnosis } satisfies RecordedRefusal;
  res.set(DIAGNOSIS_HEADERS.code, refusal.code);
  res.set(DIAGNOSIS_HEADERS.message, encodeDiagnosisHeader(refusal.diagnosis));
}

/** Answers a refused Helix call: Twitch's status and body, plus the rig's diagnosis headers. */
export function sendRefusal(res: Response, refusal: Refusal): void {
  markRefusal(res, refusal);
  res.status(refusal.status).json(helixErrorBody(refusal.status, refusal.twitchMessage));
}

/** Answers a refused id.twitch.tv call: its `{ status, message }` body, plus the diagnosis headers. */
export function sendOAuthRefusal(res: Response, refusal: Refusal): void {
  markRefusal(res, refusal);
  res.status(refusal.status).json({ status: refusal.status, message: refusal.twitchMessage });
}
