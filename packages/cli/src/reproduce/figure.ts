import type { Figure } from '@geneft/viz';
import type { ReproduceContext } from './context';

/** One row of the report: what the paper claims and what this run measured. */
export interface FigureResult {
  /** the data behind the figure, written as <id>.json. */
  data: unknown;
  /** one line: what this run measured, in numbers. */
  measured: string;
  /** whether the measurement agrees with the claim ('n/a' when there is nothing to compare). */
  verdict: 'agrees' | 'disagrees' | 'n/a';
  /** with 'disagrees': the cause, in one sentence (the report prints it under the measurement). */
  cause?: string;
  /** draws the figure on a document (Node via linkedom, or a browser). */
  render?: (document: Document) => Figure;
  /** a table instead of (or besides) a figure. */
  table?: { columns: string[]; rows: (string | number)[][] };
}

/** What the report shows of a figure besides its result. */
export interface FigureHeading {
  /** file stem and --only name. */
  id: string;
  title: string;
  /** one line: what the paper claims (science.md part C), or what the figure shows. */
  claim: string;
  /**
   * Full mode runs this figure only when `--only` names it (its full grid would take the whole
   * reproduction past its 30 minutes); quick mode always runs it.
   */
  fullModeOnRequest?: boolean;
}

/** A figure of `geneft reproduce`: it runs its own experiments. */
export interface FigureSpec extends FigureHeading {
  run(ctx: ReproduceContext): Promise<FigureResult>;
}

/** A figure drawn from data already at hand (`geneft report`). */
export interface DataFigureSpec extends FigureHeading {
  run(): Promise<FigureResult>;
}
