/**
 * EXIF "YYYY:MM:DD HH:MM:SS" (or an XMP ISO date) → ISO 8601 "YYYY-MM-DDTHH:MM:SS[.fff][±HH:MM]", as written
 * by the camera: no time-zone guessing (without an offset tag the result is local time with no suffix).
 * Placeholder dates (blank, all zeros, a camera whose clock was never set: before 1995) are null.
 * Only strings: a revived Date (exifr's reviveValues) has already been shifted by the reader's time zone.
 */

const DATE = /^(\d{4})[:-](\d{2})[:-](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;
const FIRST_PLAUSIBLE_YEAR = 1995;

export function exifDate(value: unknown, subSec?: unknown, offset?: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = DATE.exec(value.replace(/\0/g, '').trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < FIRST_PLAUSIBLE_YEAR || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null;
  const fraction = millis(frac ?? subSecDigits(subSec));
  const tz = zone === 'Z' ? 'Z' : normaliseOffset(zone ?? offset);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${tz}`;
}

function subSecDigits(subSec: unknown): string | undefined {
  const s = typeof subSec === 'number' ? String(subSec) : typeof subSec === 'string' ? subSec.trim() : '';
  return /^\d+$/.test(s) ? s : undefined;
}

/** EXIF SubSec digits are a decimal fraction ("72" is .72 s); keep milliseconds. */
function millis(digits: string | undefined): string {
  if (digits === undefined || digits.length === 0) return '';
  return `.${digits.slice(0, 3).padEnd(3, '0')}`;
}

function normaliseOffset(value: unknown): string {
  if (typeof value !== 'string') return '';
  const m = OFFSET.exec(value.trim());
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return '';
  return `${m[1]}${m[2]}:${m[3]}`;
}
