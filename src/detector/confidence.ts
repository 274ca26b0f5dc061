import type { Confidence, Finding } from '../core/types.js';

const STEPS: readonly Confidence[] = ['low', 'medium', 'high'];

export function shiftConfidence(c: Confidence, by: number): Confidence {
  return STEPS[Math.min(STEPS.length - 1, Math.max(0, STEPS.indexOf(c) + by))]!;
}

/**
 * Moves a finding's confidence by `by` steps for a reason other than its own validation (context,
 * a missing pair half). A provider's own format is evidence in itself, so such reasons alone never
 * take a provider-format match to `low`, which is hidden by default: only generic findings can be.
 */
export function adjustConfidence(f: Finding, by: number): void {
  const moved = shiftConfidence(f.confidence, by);
  const floor = f.validation !== 'invalid' && !f.tags.includes('generic') && f.confidence !== 'low';
  f.confidence = moved === 'low' && floor ? 'medium' : moved;
}
