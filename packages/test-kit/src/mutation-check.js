// Plain JavaScript (typed by mutation-check.d.ts), like vitest.js: `pnpm mutation` runs it with Node itself.

/** What Stryker writes into every file it mutates; `inPlace` writes it into the working tree. */
export const STRYKER_MARKER = "stryNS_9fa48";

/**
 * The files that still hold Stryker's mutants: left by a run that was killed before it could restore them
 * (Stryker restores them on a normal exit, an error or Ctrl-C). A new run would back them up as they are.
 */
export function instrumentedFiles(files) {
  return files.filter((f) => f.text.includes(STRYKER_MARKER)).map((f) => f.path);
}

/** Mutants a test caught: a test failed, or the mutant made the tests hang. */
const DETECTED = new Set(["Killed", "Timeout"]);
/** Mutants no test caught: each is a missing test, or an equivalent change written down as such. */
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

/** The source text a mutant replaced, whitespace collapsed (locations are 1-based, end exclusive). */
export function originalText(source, location) {
  const lines = source.split("\n");
  const { start, end } = location;
  const text =
    start.line === end.line
      ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
      : [
          lines[start.line - 1].slice(start.column - 1),
          ...lines.slice(start.line, end.line - 1),
          lines[end.line - 1].slice(0, end.column - 1),
        ].join("\n");
  return text.replace(/\s+/g, " ").trim();
}

function sameMutant(entry, mutant) {
  return (
    entry.file === mutant.file &&
    entry.mutator === mutant.mutator &&
    entry.original === mutant.original &&
    entry.replacement === mutant.replacement
  );
}

/**
 * Judges a Stryker JSON report file by file: each file's score (detected / (detected + undetected), as
 * Stryker counts it) must reach `threshold`, every undetected mutant must be listed in `equivalents`, and
 * every listed one of a file in the report must still be undetected (so the list stays true).
 */
export function judgeMutationReport({ report, equivalents, threshold }) {
  const files = [];
  const undetected = [];
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    let detected = 0;
    let missed = 0;
    for (const m of mutants) {
      if (DETECTED.has(m.status)) detected++;
      if (!UNDETECTED.has(m.status)) continue;
      missed++;
      undetected.push({
        file,
        line: m.location.start.line,
        status: m.status,
        mutator: m.mutatorName,
        original: originalText(source, m.location),
        replacement: (m.replacement ?? "").replace(/\s+/g, " ").trim(),
      });
    }
    const total = detected + missed;
    files.push({ file, detected, undetected: missed, score: total === 0 ? 100 : (100 * detected) / total });
  }
  const underThreshold = files.filter((f) => f.score < threshold);
  const unlisted = undetected.filter((m) => !equivalents.some((e) => sameMutant(e, m)));
  // A run limited to some files (stryker run --mutate) judges only the entries of those files.
  const stale = equivalents.filter(
    (e) => e.file in report.files && !undetected.some((m) => sameMutant(e, m)),
  );
  return {
    files,
    undetected,
    underThreshold,
    unlisted,
    stale,
    ok: underThreshold.length === 0 && unlisted.length === 0 && stale.length === 0,
  };
}

/** The judgement as lines for a person: each file's score, then what to do about each failure. */
export function describeJudgement(judgement, threshold) {
  const lines = judgement.files.map(
    (f) =>
      `${f.score.toFixed(2).padStart(6)}%  ${f.file} (${f.detected} caught, ${f.undetected} not${f.score < threshold ? `, under ${threshold}%` : ""})`,
  );
  for (const m of judgement.unlisted) {
    lines.push(
      `${m.status} and not listed as equivalent: ${m.file}:${m.line} ${m.mutator} ${JSON.stringify(m.original)} -> ${JSON.stringify(m.replacement)}. Write the test that kills it, or list it in mutation-equivalents.json with the reason it changes no behaviour.`,
    );
  }
  for (const e of judgement.stale) {
    lines.push(
      `Listed as equivalent but no longer undetected: ${e.file} ${e.mutator} ${JSON.stringify(e.original)} -> ${JSON.stringify(e.replacement)}. Remove it from mutation-equivalents.json.`,
    );
  }
  return lines;
}
