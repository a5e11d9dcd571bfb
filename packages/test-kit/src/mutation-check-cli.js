#!/usr/bin/env node
// `mutation-check`, run in a package's folder by its `pnpm mutation`. `--before`: refuses to start while a
// killed run's mutants are still in src/. Then, after `stryker run`: judges Stryker's JSON report against
// the break threshold file by file and against mutation-equivalents.json.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describeJudgement, instrumentedFiles, judgeMutationReport } from "./mutation-check.js";

const sources = readdirSync("src", { recursive: true })
  .filter((name) => /\.[cm]?[jt]sx?$/.test(name))
  .map((name) => join("src", name))
  .map((path) => ({ path, text: readFileSync(path, "utf8") }));
const leftovers = instrumentedFiles(sources);
if (leftovers.length > 0) {
  console.error(
    `These files still hold Stryker's mutants from a run that was killed: ${leftovers.join(", ")}. Copy them back from .stryker-tmp/backup-*/ (or git checkout -- <file> when they held no change of yours), then run again.`,
  );
  process.exit(1);
}
if (process.argv.includes("--before")) process.exit(0);

const config = JSON.parse(readFileSync("stryker.config.json", "utf8"));
const report = JSON.parse(
  readFileSync(config.jsonReporter?.fileName ?? "reports/mutation/mutation.json", "utf8"),
);
const { equivalent } = JSON.parse(readFileSync("mutation-equivalents.json", "utf8"));
const threshold = config.thresholds?.break;
if (typeof threshold !== "number") {
  console.error("stryker.config.json has no thresholds.break: set the score every file must reach.");
  process.exit(1);
}
const judgement = judgeMutationReport({ report, equivalents: equivalent, threshold });
for (const line of describeJudgement(judgement, threshold)) console.log(line);
console.log(
  judgement.ok
    ? `Every file at ${threshold}% or more; ${judgement.undetected.length} undetected mutants, each listed as equivalent.`
    : "Mutation check failed.",
);
process.exit(judgement.ok ? 0 : 1);
