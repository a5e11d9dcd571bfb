import { describe, expect, it } from "vitest";
import {
  describeJudgement,
  type EquivalentMutant,
  instrumentedFiles,
  judgeMutationReport,
  type MutationReport,
  originalText,
  STRYKER_MARKER,
} from "./mutation-check.js";

const source = ['const KEY = "claims";', "if (hit) drop();", "return {", "  a: 1,", "};"].join("\n");

function mutant(
  status: string,
  line: number,
  start: number,
  end: number,
  mutatorName: string,
  replacement: string,
) {
  return {
    status,
    mutatorName,
    replacement,
    location: { start: { line, column: start }, end: { line, column: end } },
  };
}

const keyEmptied = mutant("Survived", 1, 13, 21, "StringLiteral", '""');
const hitAlways = mutant("NoCoverage", 2, 5, 8, "ConditionalExpression", "true");
const killed = (n: number) =>
  Array.from({ length: n }, () => mutant("Killed", 2, 10, 16, "BlockStatement", "{}"));

function report(files: Record<string, MutationReport["files"][string]["mutants"]>): MutationReport {
  return { files: Object.fromEntries(Object.entries(files).map(([f, mutants]) => [f, { source, mutants }])) };
}

const keyListed: EquivalentMutant = {
  file: "src/a.ts",
  mutator: "StringLiteral",
  original: '"claims"',
  replacement: '""',
  reason: "never reached",
};
const hitListed: EquivalentMutant = {
  file: "src/a.ts",
  mutator: "ConditionalExpression",
  original: "hit",
  replacement: "true",
  reason: "deleting a missing key does nothing",
};

describe("instrumentedFiles", () => {
  it("names the sources a killed run left mutated, and only those", () => {
    const files = [
      { path: "src/a.ts", text: source },
      { path: "src/b.ts", text: `function ${STRYKER_MARKER}() {}\n${source}` },
    ];
    expect(instrumentedFiles(files)).toEqual(["src/b.ts"]);
  });
});

describe("originalText", () => {
  it("gives the text a mutant replaced, across lines, whitespace collapsed", () => {
    expect(originalText(source, keyEmptied.location)).toBe('"claims"');
    expect(originalText(source, { start: { line: 3, column: 8 }, end: { line: 5, column: 2 } })).toBe(
      "{ a: 1, }",
    );
  });
});

describe("judgeMutationReport", () => {
  it("scores each file as Stryker does: caught (killed or timed out) over caught and not caught", () => {
    const judgement = judgeMutationReport({
      report: report({
        "src/a.ts": [
          ...killed(17),
          mutant("Timeout", 2, 10, 16, "BlockStatement", "{}"),
          keyEmptied,
          hitAlways,
        ],
        "src/b.ts": [
          ...killed(3),
          mutant("Ignored", 1, 1, 2, "X", ""),
          mutant("CompileError", 1, 1, 2, "X", ""),
        ],
      }),
      equivalents: [keyListed, hitListed],
      threshold: 90,
    });
    expect(judgement.files).toEqual([
      { file: "src/a.ts", detected: 18, undetected: 2, score: 90 },
      { file: "src/b.ts", detected: 3, undetected: 0, score: 100 },
    ]);
    expect(judgement.ok).toBe(true);
  });

  it("fails a file under the threshold, even when every mutant it missed is listed", () => {
    const judgement = judgeMutationReport({
      report: report({ "src/a.ts": [...killed(17), keyEmptied, hitAlways] }),
      equivalents: [keyListed, hitListed],
      threshold: 90,
    });
    expect(judgement.underThreshold.map((f) => f.file)).toEqual(["src/a.ts"]);
    expect(judgement.ok).toBe(false);
    expect(describeJudgement(judgement, 90)[0]).toBe(" 89.47%  src/a.ts (17 caught, 2 not, under 90%)");
  });

  it("fails on a mutant no test caught that is not listed as equivalent, and says what to do", () => {
    const judgement = judgeMutationReport({
      report: report({ "src/a.ts": [...killed(99), keyEmptied, hitAlways] }),
      equivalents: [keyListed],
      threshold: 90,
    });
    expect(judgement.unlisted).toEqual([
      {
        file: "src/a.ts",
        line: 2,
        status: "NoCoverage",
        mutator: "ConditionalExpression",
        original: "hit",
        replacement: "true",
      },
    ]);
    expect(judgement.ok).toBe(false);
    expect(describeJudgement(judgement, 90)[1]).toMatch(
      /^NoCoverage and not listed as equivalent: src\/a\.ts:2 ConditionalExpression "hit" -> "true"\. Write the test/,
    );
  });

  it("matches a listed mutant by file, mutator, original and replacement alone", () => {
    for (const wrong of [
      { ...hitListed, file: "src/b.ts" },
      { ...hitListed, mutator: "BooleanLiteral" },
      { ...hitListed, original: "!hit" },
      { ...hitListed, replacement: "false" },
    ]) {
      const judgement = judgeMutationReport({
        report: report({ "src/a.ts": [...killed(99), hitAlways], "src/b.ts": killed(1) }),
        equivalents: [wrong],
        threshold: 90,
      });
      expect(judgement.unlisted).toHaveLength(1);
      expect(judgement.stale).toEqual([wrong]);
    }
  });

  it("fails on a listed mutant that a test now catches, so the list stays true", () => {
    const judgement = judgeMutationReport({
      report: report({ "src/a.ts": [...killed(10), { ...keyEmptied, status: "Killed" }] }),
      equivalents: [keyListed],
      threshold: 90,
    });
    expect(judgement.stale).toEqual([keyListed]);
    expect(judgement.ok).toBe(false);
    expect(describeJudgement(judgement, 90).at(-1)).toBe(
      'Listed as equivalent but no longer undetected: src/a.ts StringLiteral "\\"claims\\"" -> "\\"\\"". Remove it from mutation-equivalents.json.',
    );
  });

  it("judges only the listed mutants of files in the report, as after a run limited to some files", () => {
    const judgement = judgeMutationReport({
      report: report({ "src/b.ts": killed(5) }),
      equivalents: [keyListed, hitListed],
      threshold: 90,
    });
    expect(judgement.stale).toEqual([]);
    expect(judgement.ok).toBe(true);
  });

  it("counts a file without mutants as fully caught", () => {
    const judgement = judgeMutationReport({
      report: report({ "src/c.ts": [] }),
      equivalents: [],
      threshold: 90,
    });
    expect(judgement.files).toEqual([{ file: "src/c.ts", detected: 0, undetected: 0, score: 100 }]);
    expect(judgement.ok).toBe(true);
  });
});
