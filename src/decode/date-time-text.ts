/**
 * Calendar date-time text → epoch milliseconds, for the text inputs that carry a clock of their own:
 *   SBS-1 date and time fields   `2018/02/18` and `16:30:51.597`        (receiver's local time, no zone)
 *   recorder line prefixes       `2018-02-18T06:00:52.050447+00:00`      (ISO 8601 with a zone)
 *   aisstream.io `time_utc`      `2026-04-25 09:47:25.26746452 +0000 UTC` (Go's time.String form)
 * Digits past the millisecond are truncated. Every function returns NaN for text it does not accept, so a caller
 * turns that into its own coded failure. `Date.UTC` is calendar arithmetic, not the clock.
 */

const DATE = /^(\d{4})[-/](\d{2})[-/](\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
/** Date, `T` or space, time, then an optional zone (`Z`, `±HH:MM`, `±HHMM`) and an optional zone name (`UTC`). */
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))? ?(Z|[+-]\d{2}:?\d{2})(?: [A-Z]{1,5})?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Milliseconds from a fraction's digits: "5" → 500, "26746452" → 267. */
function fractionMs(digits: string | undefined): number {
  if (digits === undefined) return 0;
  return Number(`${digits}00`.slice(0, 3));
}

function civilMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/**
 * A zone-less date and time read as if it were UTC. The caller subtracts the local offset (SBS: `--tz`, or the
 * offset inferred from a recorder prefix) to get the true instant.
 */
export function localDateTimeMs(date: string, time: string): number {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (d === null || t === null) return Number.NaN;
  return civilMs(Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3]), fractionMs(t[4]));
}

/** Offset text `Z`, `+10:30`, `-0500` → minutes east of UTC, NaN if the hours or minutes are impossible. */
function zoneOffsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.charCodeAt(0) === 45 /* '-' */ ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(zone.length - 2));
  if (hours > 23 || minutes > 59) return Number.NaN;
  return sign * (hours * 60 + minutes);
}

/** A date-time with an explicit zone (ISO 8601 or Go's time.String) → the instant in epoch milliseconds. */
export function instantMs(text: string): number {
  const m = INSTANT.exec(text);
  if (m === null) return Number.NaN;
  const local = civilMs(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    fractionMs(m[7]),
  );
  return local - zoneOffsetMinutes(m[8]!) * 60_000;
}
