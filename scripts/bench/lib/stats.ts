export interface Stat { medianMs: number; p90Ms: number; samples: number }

/** Nearest-rank percentile of `values` (0 < p <= 100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarize(values: readonly number[]): Stat {
  const round = (x: number) => Math.round(x * 100) / 100;
  return { medianMs: round(percentile(values, 50)), p90Ms: round(percentile(values, 90)), samples: values.length };
}
