import geographicLib from 'geographiclib-mgrs';
import { invalid } from '../domain/errors.ts';

/** A position read from an MGRS reference: the centre of its square, and the square's side in metres. */
export interface MgrsPosition {
  lon: number;
  lat: number;
  precisionM: number;
}

const maxDigits = 11;
const utmBands = 'CDEFGHJKLMNPQRSTUVWX';
const upsBands = 'ABYZ';
const shape = /^(\d{1,2})?([A-Z])([A-Z]{0,2})(\d*)$/;

/** The MGRS reference of a WGS84 point, with `precision` digits per coordinate (5 = 1 m square, 0 = 100 km square). */
export function toMgrs(lon: number, lat: number, precision = 5): string {
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw invalid('lon', 'must be a number from -180 to 180');
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw invalid('lat', 'must be a number from -90 to 90');
  if (!Number.isInteger(precision) || precision < 0 || precision > 5) {
    throw invalid('precision', 'must be a whole number of digits from 0 (100 km) to 5 (1 m)');
  }
  // GeographicLib wraps longitude itself; 180 and -180 are the same meridian.
  return geographicLib.forward([lon, lat], precision);
}

/**
 * The centre of the square an MGRS reference names (spaces and lower case accepted), or a validation
 * error on field `mgrs` saying what is wrong with it.
 */
export function fromMgrs(text: string): MgrsPosition {
  const ref = text.replace(/\s+/g, '').toUpperCase();
  const parts = checkShape(ref);
  let lon: number;
  let lat: number;
  let digits: number;
  try {
    const r = geographicLib.MGRS.reverse(ref, true);
    // The library's own reverse only checks these limits when asked to throw.
    geographicLib.UTMUPS.checkCoords(r.zone !== 0, r.northp, r.x, r.y, true, true);
    ({ lon, lat } = geographicLib.UTMUPS.reverse(r.zone, r.northp, r.x, r.y, true));
    digits = r.prec;
  } catch (err) {
    throw invalid('mgrs', libraryReason(ref, parts, (err as Error).message));
  }
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw invalid('mgrs', `"${text}" does not name a place`);
  return { lon, lat, precisionM: 10 ** (5 - digits) };
}

interface Parts {
  gridZone: string;
  square: string;
}

/** GeographicLib's message, reworded where it garbles the letters it names. */
function libraryReason(ref: string, { gridZone, square }: Parts, message: string): string {
  if (/^Block /.test(message)) return `100 km square ${square} does not exist in grid zone ${gridZone}`;
  if (/^Column letter/.test(message)) return `column letter ${square[0]} is not used in grid zone ${gridZone}`;
  if (/Row letter/.test(message)) return `row letter ${square[1]} is not a square row letter (A-V without I and O)`;
  if (/^(Easting|Northing)/.test(message)) return `"${ref}" is out of range: ${message}`;
  return `"${ref}" is not a valid reference: ${message}`;
}

/** Rejects the mistakes people make, with a reason they can act on, before GeographicLib sees the string. */
function checkShape(ref: string): Parts {
  const example = 'e.g. 38SMD 78489 26063';
  if (ref === '') throw invalid('mgrs', `is empty (${example})`);
  const m = shape.exec(ref);
  if (!m) {
    throw invalid('mgrs', `"${ref}" is not zone, band, two square letters and digits (${example})`);
  }
  const [, zone, band, square, digits] = m;
  if (zone !== undefined) {
    const z = Number(zone);
    if (z < 1 || z > 60) throw invalid('mgrs', `zone ${zone} is not a UTM zone (1-60)`);
    if (!utmBands.includes(band)) {
      throw invalid('mgrs', `band letter ${band} is not a latitude band (C-X without I and O)`);
    }
  } else if (!upsBands.includes(band)) {
    throw invalid('mgrs', `"${ref}" has no zone number, and ${band} is not a polar (UPS) band A, B, Y or Z`);
  }
  if (square.length < 2) {
    throw invalid('mgrs', `"${ref}" needs the two 100 km square letters after the band (${example})`);
  }
  if (/[IO]/.test(square)) throw invalid('mgrs', `square letters ${square}: I and O are never used`);
  if (digits.length % 2 === 1) {
    throw invalid('mgrs', `odd number of digits (${digits.length}): easting and northing need as many digits each`);
  }
  if (digits.length > 2 * maxDigits) throw invalid('mgrs', `more than ${maxDigits} digits per coordinate`);
  return { gridZone: (zone ?? '') + band, square };
}
