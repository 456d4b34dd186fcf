/** Rounds to `digits` decimals (stored figures keep a few, so items stay small and diffs stay readable). */
export const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;

export const clamp = (value: number, bounds: { readonly min: number; readonly max: number }): number =>
  Math.min(bounds.max, Math.max(bounds.min, value));

/** E|X| = σ·√(2/π) for a normal error: multiplying a mean absolute error by this gives a standard deviation. */
export const MAE_TO_SD = Math.sqrt(Math.PI / 2);
