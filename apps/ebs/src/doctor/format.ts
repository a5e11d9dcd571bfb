import type { ExplainJwtResult } from "@ext/shared/server";
import type { Check } from "./config-checks.ts";

const MARK: Record<Check["status"], string> = { ok: "ok     ", problem: "PROBLEM", warning: "warning" };

/** The config checks as lines: `ok      VARIABLE message`, with the fix under each problem. */
export function formatChecks(checks: readonly Check[]): string {
  const lines = checks.flatMap((c) => {
    const head = `${MARK[c.status]}  ${c.variable} ${c.message}`;
    return c.fix && c.status !== "ok" ? [head, `         fix: ${c.fix}`] : [head];
  });
  const problems = checks.filter((c) => c.status === "problem").length;
  lines.push(
    "",
    problems === 0
      ? "No problem found in the configuration."
      : `${problems} problem${problems === 1 ? "" : "s"} found: fix ${problems === 1 ? "it" : "them"} in apps/ebs/.env (or the environment) and run pnpm run doctor again.`,
  );
  return lines.join("\n");
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** A JWT explained as text: header, claims with types, expiry, secrets, findings, verdict. Never a secret. */
export function formatJwtExplanation(result: ExplainJwtResult): string {
  if (!result.ok) return `Cannot explain it: ${result.reason}.`;
  const e = result.explanation;
  const lines = [`Kind:    ${e.kind}`, `Header:  ${show(e.header)}`];
  lines.push(
    e.claimsEncoding === "string"
      ? "Claims (a JSON string inside the token: encoded twice):"
      : e.claimsEncoding === "object"
        ? "Claims:"
        : "Claims: not an object",
  );
  const width = Math.max(0, ...e.claims.map((c) => c.name.length));
  for (const c of e.claims) {
    const note = c.note ? `  ${c.note}` : "";
    lines.push(`  ${c.name.padEnd(width)}  ${c.type.padEnd(7)} ${show(c.value)}${note}`);
  }
  if (e.expiry) lines.push(`Expiry:  ${e.expiry.words}`);
  lines.push("Signature:");
  if (e.secrets.length === 0) lines.push("  no extension secret is configured to check it with");
  for (const s of e.secrets) {
    const words = {
      decoded: "verifies (signed with the base64-decoded secret, as Twitch signs)",
      raw: "verifies only with the secret's raw base64 text: the classic mistake",
      none: "does not verify",
      undecodable: "cannot be checked: this secret does not decode",
    }[s.matches];
    lines.push(`  secret #${s.position}: ${words}`);
  }
  if (e.signedWithClientSecret)
    lines.push("  OAuth client secret: verifies: the wrong secret was used to sign");
  if (e.findings.length > 0) {
    lines.push("Mistakes:");
    for (const f of e.findings) lines.push(`  - ${f.code}: ${f.message}`);
  }
  lines.push(
    e.verdict.ok
      ? `Verdict: accepted. ${e.verdict.message}`
      : `Verdict: refused (${e.verdict.code}). ${e.verdict.message}`,
  );
  return lines.join("\n");
}
