const SECOND_MS = 1000;

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/**
 * A countdown as a clock reads it: "m:ss" under an hour ("0:15", "12:05"), "h:mm:ss" from an hour up ("1:00:00").
 * Seconds round up, so "0:00" shows only when no time is left at all. Negative or non-finite input reads "0:00".
 */
export function formatCountdown(ms: number): string {
  const totalSeconds = Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / SECOND_MS) : 0;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours}:${twoDigits(minutes)}:${twoDigits(seconds)}` : `${minutes}:${twoDigits(seconds)}`;
}
