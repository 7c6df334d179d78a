/** Small number helpers for the bench report. */

export function median(values: readonly number[]): number {
  return quantile(values, 0.5)
}

/** Nearest-rank quantile; NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

export const ms = (value: number, digits = 1) => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a')

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** "4.2×" */
export const times = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(ratio < 10 ? 2 : 1)}×` : 'n/a')

/** A goal verdict for one figure. */
export const verdict = (met: boolean | undefined) => (met === undefined ? '(no goal)' : met ? 'MET' : 'NOT MET')

/** Left-aligned text columns, numbers right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0)))
  const numeric = (cell: string) => /^[\d.,\-+×% ]+(ms|KB|B|×)?$/.test(cell)
  return rows.map((row) => row.map((cell, c) => (numeric(cell) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n')
}
