import type { Attitude } from './photo-meta';
import { metaNumber } from './meta-number';

/**
 * Camera and aircraft attitude from XMP, in the DJI convention of PhotoMeta (yaw clockwise from true north,
 * pitch -90 straight down, 0 at the horizon).
 *
 * DJI: drone-dji:GimbalYaw/Pitch/RollDegree and FlightYaw/Pitch/RollDegree. exifr keys each XMP namespace by
 * the prefix written in the file, so the older `DJI:` prefix arrives as raw.xmp.DJI and `drone:` as
 * raw.xmp.drone; tag names are matched case-insensitively. Used as written.
 *
 * Camera: (namespace http://pix4d.com/camera/1.0/, written by Parrot Sequoia and FLIR Vue Pro): Pix4D's
 * convention, "pitch = 0: the camera looks down (nadir); pitch = 90: it looks forward", yaw = where the top of
 * a nadir image points (https://support.pix4d.com/hc/en-us/articles/205675256). So DJI pitch = Camera:Pitch - 90:
 * the Sequoia fixture's Pitch 13.24 becomes -76.76 (13 degrees off nadir), yaw and roll are kept.
 * A triple of exact zeros is the placeholder a FLIR Vue Pro writes with no MAVLink feed (its MAV* tags are all
 * zero too); a real IMU never reads exactly 0/0/0, so it is treated as missing.
 */
export type XmpNamespaces = Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;

const DJI_PREFIXES = ['drone-dji', 'dji', 'drone'];

export function namespace(xmp: XmpNamespaces | undefined, prefixes: readonly string[]): Readonly<Record<string, unknown>> | null {
  if (!xmp) return null;
  for (const want of prefixes) {
    for (const [prefix, ns] of Object.entries(xmp)) {
      if (prefix.toLowerCase() === want && ns !== null && typeof ns === 'object') return ns;
    }
  }
  return null;
}

/** The value of `tag` (case-insensitive) in a namespace object, trying each name in turn. */
export function tagValue(ns: Readonly<Record<string, unknown>> | null, ...names: string[]): unknown {
  if (!ns) return undefined;
  for (const name of names) {
    const lower = name.toLowerCase();
    for (const [k, v] of Object.entries(ns)) if (k.toLowerCase() === lower) return v;
  }
  return undefined;
}

export function djiNamespace(xmp: XmpNamespaces | undefined): Readonly<Record<string, unknown>> | null {
  return namespace(xmp, DJI_PREFIXES);
}

export function djiAttitude(xmp: XmpNamespaces | undefined, kind: 'Gimbal' | 'Flight'): Attitude | null {
  const ns = djiNamespace(xmp);
  return attitude(
    metaNumber(tagValue(ns, `${kind}YawDegree`)),
    metaNumber(tagValue(ns, `${kind}PitchDegree`)),
    tagValue(ns, `${kind}RollDegree`),
  );
}

export function pix4dCameraAttitude(xmp: XmpNamespaces | undefined): Attitude | null {
  const ns = namespace(xmp, ['camera']);
  const yaw = metaNumber(tagValue(ns, 'Yaw'));
  const pitch = metaNumber(tagValue(ns, 'Pitch'));
  const roll = metaNumber(tagValue(ns, 'Roll'));
  if (yaw === 0 && pitch === 0 && (roll === 0 || roll === null)) return null;
  return attitude(yaw, pitch === null ? null : pitch - 90, roll);
}

/** Yaw and pitch are required; a roll that is absent reads 0, one that is present but unreadable fails all. */
function attitude(yaw: number | null, pitch: number | null, rawRoll: unknown): Attitude | null {
  const roll = rawRoll === undefined ? 0 : metaNumber(rawRoll);
  if (yaw === null || pitch === null || roll === null) return null;
  if (Math.abs(yaw) > 360 || Math.abs(pitch) > 180 || Math.abs(roll) > 180) return null;
  return { yaw: wrapYaw(yaw), pitch, roll };
}

/** Into [-180, 180). */
function wrapYaw(yaw: number): number {
  if (yaw >= -180 && yaw < 180) return yaw;
  const w = ((((yaw + 180) % 360) + 360) % 360) - 180;
  return Object.is(w, -0) ? 0 : w;
}
