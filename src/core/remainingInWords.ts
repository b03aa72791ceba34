const SECOND = 1000;
/** One minute in ms. */
export const MINUTE = 60 * SECOND;

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * Time left as a customer reads it in a message: "45 seconds", "2 minutes", "1 hour 30 minutes".
 * Under a minute seconds are rounded up (a customer told "0 seconds" has no chance to answer); above, minutes are
 * rounded to the nearest so a 61 s wait does not read as "2 minutes".
 */
export function remainingInWords(ms: number): string {
  const safeMs = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  if (safeMs < MINUTE) return plural(Math.max(1, Math.ceil(safeMs / SECOND)), 'second');
  const totalMinutes = Math.round(safeMs / MINUTE);
  if (totalMinutes < 60) return plural(totalMinutes, 'minute');
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(minutes, 'minute')}`;
}
