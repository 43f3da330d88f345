/** One thing in a run directory that the projector would read wrongly. */
export interface VerifyProblem {
  /** File name relative to the run directory. */
  file: string;
  /** 1-based line in a text file; absent for binary files. */
  line?: number;
  /** Description of the fault, its effect in the projector, and the fix. */
  message: string;
}

/** The outcome of verifying a run directory. */
export interface VerifyReport {
  /** True when no problem was found. */
  ok: boolean;
  /** Points in the vectors file (rows the projector would load). */
  points: number;
  /** Numbers per point. */
  dim: number;
  /** Every problem found, in file order. */
  problems: VerifyProblem[];
}

/** Problems listed per file and kind before the rest are only counted. */
export const MAX_PROBLEMS_PER_KIND = 50;

/**
 * Collects the problems of one file, listing at most
 * {@link MAX_PROBLEMS_PER_KIND} per kind and counting the rest.
 */
export class ProblemList {
  readonly problems: VerifyProblem[] = [];
  private readonly counts = new Map<string, number>();

  constructor(readonly file: string) {}

  /** Records a problem of `kind` at `line`. */
  add(kind: string, line: number | undefined, message: string): void {
    const count = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, count);
    if (count <= MAX_PROBLEMS_PER_KIND) {
      this.problems.push({ file: this.file, line, message });
    }
  }

  /** Returns the problems, with one closing note per truncated kind. */
  finish(lastLine: number | undefined): VerifyProblem[] {
    for (const [kind, count] of this.counts) {
      if (count > MAX_PROBLEMS_PER_KIND) {
        this.problems.push({
          file: this.file,
          line: lastLine,
          message: `${count - MAX_PROBLEMS_PER_KIND} more problems of the kind "${kind}" are not listed.`,
        });
      }
    }
    return this.problems;
  }
}
