/** The parts of Stryker's JSON report (mutation-testing-report-schema) the check reads. */
export interface MutationReport {
  files: Record<
    string,
    {
      source: string;
      mutants: {
        mutatorName: string;
        replacement?: string;
        status: string;
        location: { start: { line: number; column: number }; end: { line: number; column: number } };
      }[];
    }
  >;
}

/** A mutant no test can catch, written down: where, which change, and why it changes no behaviour. */
export interface EquivalentMutant {
  file: string;
  mutator: string;
  /** The source text the mutant replaces, whitespace collapsed. */
  original: string;
  replacement: string;
  reason: string;
}

export interface UndetectedMutant {
  file: string;
  line: number;
  status: string;
  mutator: string;
  original: string;
  replacement: string;
}

export interface MutationJudgement {
  files: { file: string; detected: number; undetected: number; score: number }[];
  undetected: UndetectedMutant[];
  underThreshold: { file: string; detected: number; undetected: number; score: number }[];
  /** Undetected and not listed: a missing test, or an equivalent mutant to write down. */
  unlisted: UndetectedMutant[];
  /** Listed for a file of the report but no longer undetected: remove them from the list. */
  stale: EquivalentMutant[];
  ok: boolean;
}

/** What Stryker writes into every file it mutates; `inPlace` writes it into the working tree. */
export declare const STRYKER_MARKER: string;

/**
 * The files that still hold Stryker's mutants: left by a run that was killed before it could restore them
 * (Stryker restores them on a normal exit, an error or Ctrl-C). A new run would back them up as they are.
 */
export declare function instrumentedFiles(files: readonly { path: string; text: string }[]): string[];

/** The source text a mutant replaced, whitespace collapsed (locations are 1-based, end exclusive). */
export declare function originalText(
  source: string,
  location: { start: { line: number; column: number }; end: { line: number; column: number } },
): string;

/**
 * Judges a Stryker JSON report file by file: each file's score (detected / (detected + undetected), as
 * Stryker counts it) must reach `threshold`, every undetected mutant must be listed in `equivalents`, and
 * every listed one of a file in the report must still be undetected (so the list stays true).
 */
export declare function judgeMutationReport(input: {
  report: MutationReport;
  equivalents: readonly EquivalentMutant[];
  threshold: number;
}): MutationJudgement;

/** The judgement as lines for a person: each file's score, then what to do about each failure. */
export declare function describeJudgement(judgement: MutationJudgement, threshold: number): string[];
