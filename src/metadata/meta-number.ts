/**
 * Reading numbers out of raw metadata values, which arrive in many shapes: numbers, XMP strings with a sign
 * ("+45.20"), XMP rationals ("119599/3239", "0/100"), one-element typed arrays (exifr's GPSAltitudeRef),
 * degree/minute/second triples ([47, 21, 15.06]) and XMP GPS coordinates ("23,55.194960N").
 * Anything else (garbage text, NaN, Infinity, objects) is null.
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const RATIONAL = /^([+-]?\d+(?:\.\d+)?)\s*\/\s*([+-]?\d+(?:\.\d+)?)$/;
/** XMP GPSCoordinate: "DDD,MM,SSk" or "DDD,MM.mmk" (XMP specification part 2, 1.2.7.4). */
const XMP_GPS = /^(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?([NSEW])$/i;

/** A finite number from a number, a decimal or rational string, or a one-element array; null otherwise. */
export function metaNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const s = value.replace(/\0/g, '').trim();
    if (DECIMAL.test(s)) return finite(Number(s));
    const r = RATIONAL.exec(s);
    if (r) {
      const den = Number(r[2]);
      return den === 0 ? null : finite(Number(r[1]) / den);
    }
    return null;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number>;
    return arr.length === 1 ? metaNumber(arr[0]) : null;
  }
  if (Array.isArray(value) && value.length === 1) return metaNumber(value[0]);
  return null;
}

/** First element of a one-element array or typed array, else the value itself (e.g. a ref letter). */
function scalar(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 1) return value[0];
  return value;
}

/**
 * A signed decimal coordinate from an EXIF/XMP value and its reference letter (N/S/E/W, optional).
 * S and W make the result negative whatever the sign of the value; N and E make it positive.
 */
export function gpsCoordinate(value: unknown, ref?: unknown): number | null {
  let deg: number | null = null;
  let embeddedRef: string | null = null;
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    deg = fromDms(Array.from(value as ArrayLike<unknown>, metaNumber));
  } else if (typeof value === 'string' && XMP_GPS.test(value.trim())) {
    const g = XMP_GPS.exec(value.trim());
    if (g) {
      deg = Number(g[1]) + Number(g[2]) / 60 + (g[3] === undefined ? 0 : Number(g[3]) / 3600);
      embeddedRef = g[4] ?? null;
    }
  } else {
    deg = metaNumber(value);
  }
  if (deg === null || !Number.isFinite(deg)) return null;
  const r = scalar(ref);
  const letter = (embeddedRef ?? (typeof r === 'string' ? r : '')).replace(/\0/g, '').trim().toUpperCase();
  if (letter === 'S' || letter === 'W') return -Math.abs(deg);
  if (letter === 'N' || letter === 'E') return Math.abs(deg);
  return deg;
}

/** [deg], [deg, min] or [deg, min, sec], all finite and non-negative, minutes and seconds under 60. */
function fromDms(parts: (number | null)[]): number | null {
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => p === null || p < 0)) return null;
  const [d = 0, m = 0, s = 0] = parts as number[];
  return m >= 60 || s >= 60 ? null : d + m / 60 + s / 3600;
}

function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}
