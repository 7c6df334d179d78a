import type { AnswerUpdate } from '../answer-update'

/**
 * Folds the updates decoded from one network read into one: the latest state, with `appended`
 * being everything appended since the previous yielded update. If any of them replaced the text,
 * the result is `replaced` (UIs redraw from `textSoFar`, so the partial appends do not matter).
 * One update per read keeps the generator and the UI port from doing per-token work.
 */
export function coalesceUpdates(batch: readonly AnswerUpdate[]): AnswerUpdate | undefined {
  const last = batch[batch.length - 1]
  if (batch.length <= 1 || last === undefined) return last
  if (batch.some((update) => update.replaced)) return { ...last, appended: '', replaced: true }
  return { ...last, appended: batch.map((update) => update.appended).join(''), replaced: false }
}
