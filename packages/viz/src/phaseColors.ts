import { PHASES, type Phase } from '@geneft/core';

/**
 * One colour per phase, the same in every figure (Okabe–Ito, readable with colour-blindness):
 * generalizing phases green/orange, memorization blue, confusion pink, diverged dark grey.
 * Theorem 2's outcomes reuse them: "collide" is comprehension's green, "memorize" memorization's blue.
 */
export const PHASE_COLORS: Readonly<Record<Phase, string>> = {
  comprehension: '#009e73',
  grokking: '#e69f00',
  memorization: '#0072b2',
  confusion: '#cc79a7',
  diverged: '#3d3d3d',
};

/** Plot colour-scale options mapping every phase to its colour, in PHASES order (so legends agree). */
export function phaseColorScale(legend = true) {
  return {
    type: 'ordinal' as const,
    domain: [...PHASES],
    range: PHASES.map((p) => PHASE_COLORS[p]),
    legend,
  };
}

/** Phases counted as generalizing (test accuracy reached the threshold). */
export function isGeneralizing(phase: Phase): boolean {
  return phase === 'comprehension' || phase === 'grokking';
}
