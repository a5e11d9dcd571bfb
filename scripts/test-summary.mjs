// Sums the vitest JSON reports every package wrote to .reports/vitest.json and prints one plain line,
// "N passed, N failed", so a run that executed no test is visible. Exits 1 when a test failed or none ran.
// `--label NAME` prints "NAME: N passed, N failed" and adds the run to .reports-runs.json; `--total` prints
// the sum of the runs added so far (the last line of .ci/run when the tests ran on several Node versions).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const runsFile = ".reports-runs.json";
const args = process.argv.slice(2);
if (args[0] === "--total") {
  const runs = existsSync(runsFile) ? JSON.parse(readFileSync(runsFile, "utf8")) : [];
  const sum = (key) => runs.reduce((n, run) => n + run[key], 0);
  const skippedTotal = sum("skipped");
  console.log(
    `${sum("passed")} passed, ${sum("failed")} failed${skippedTotal ? `, ${skippedTotal} skipped` : ""}`,
  );
  process.exit(runs.length === 0 || sum("failed") > 0 || sum("passed") === 0 ? 1 : 0);
}
const optionValue = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const label = optionValue("--label");

const roots = ["apps", "packages", "tests"];
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const root of roots) {
  if (!existsSync(root)) continue;
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (!existsSync(join(dir, "package.json"))) continue;
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    if (!pkg.scripts?.test) continue;
    const report = join(dir, ".reports", "vitest.json");
    if (!existsSync(report)) {
      missing.push(pkg.name);
      continue;
    }
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed += r.numPassedTests;
    failed +=
      r.numFailedTests + (r.numTotalTestSuites > 0 && r.success === false && r.numFailedTests === 0 ? 1 : 0);
    skipped += r.numPendingTests + r.numTodoTests;
  }
}
if (missing.length > 0) {
  console.log(`No test report from: ${missing.join(", ")} (their tests did not run or crashed)`);
  failed += missing.length;
}
console.log(
  `${label ? `${label}: ` : ""}${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`,
);
if (label) {
  const runs = existsSync(runsFile) ? JSON.parse(readFileSync(runsFile, "utf8")) : [];
  runs.push({ label, passed, failed, skipped });
  writeFileSync(runsFile, JSON.stringify(runs));
}
process.exit(failed > 0 || passed === 0 ? 1 : 0);
