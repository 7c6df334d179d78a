/**
 * "Try again at 14:05": the reset time in the reader's locale and time zone. A time on another
 * day also names the day, so "at 09:00" is never read as this morning.
 */
export function formatClock(epochMs: number, now: number = Date.now(), locale?: string): string {
  const at = new Date(epochMs)
  const sameDay = at.toDateString() === new Date(now).toDateString()
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { weekday: 'short', hour: '2-digit', minute: '2-digit' }
  return at.toLocaleString(locale, options)
}
