import type { UnitPosition } from '../../service/unit-positions.ts';

/** The fields of a connected unit's position that leave the server (the units' live layer). */
export function presentUnitPosition(p: UnitPosition) {
  return {
    uid: p.uid,
    org: p.org,
    callsign: p.callsign,
    type: p.type,
    lon: p.lon,
    lat: p.lat,
    at: p.at,
    stale: p.stale,
  };
}
