import type { FigureSpec } from '../figure';
import { fig2 } from './fig2-accuracy';
import { fig3 } from './fig3-induction-gap';
import { fig5 } from './fig5-phase-diagram';
import { fig8 } from './fig8-weight-decay';
import { goldilocks } from './goldilocks';
import { initScaleBoundary } from './init-scale-boundary';
import { table2 } from './table2';
import { thm1 } from './thm1-clusters';
import { thm2 } from './thm2-portrait';
import { thm3 } from './thm3-pr';

/** Every figure of the report, in the paper's order. */
export const FIGURES: readonly FigureSpec[] = [table2, fig2, fig3, goldilocks, thm1, thm2, thm3, fig5, fig8, initScaleBoundary];
