/** One incident on the map, as its reader may see it: the points endpoint and the live stream give the same. */
export interface IncidentPoint {
  id: string;
  lon: number;
  lat: number;
  type: string;
  /** Killed, wounded and abducted, all parties together (the totals a tearline also gives). */
  casualties: number;
  /** Seen through its tearline only: location snapped to the grid, the day only, no owner. */
  tearline: boolean;
  /** The exact time (ISO-8601) of a record; the day (YYYY-MM-DD) of a tearline. */
  time: string;
  /** The owner organisation; null for a tearline. */
  org: string | null;
}

/** The order of the values in each row of a point set. */
export const incidentPointFields = ['id', 'lon', 'lat', 'type', 'casualties', 'tearline', 'time', 'org'] as const;

/** One point as a row of values in {@link incidentPointFields} order; a tearline flag is 0 or 1. */
export type IncidentPointRow = [string, number, number, string, number, 0 | 1, string, string | null];

/** A point as a row, so that 100,000 points cost no repeated key names. */
export function incidentPointRow(p: IncidentPoint): IncidentPointRow {
  return [p.id, p.lon, p.lat, p.type, p.casualties, p.tearline ? 1 : 0, p.time, p.org];
}

/** The points of rows whose values are in `fields` order (as the points endpoint names them). */
export function incidentPointsFromRows(fields: readonly string[], rows: readonly unknown[][]): IncidentPoint[] {
  const [id, lon, lat, type, casualties, tearline, time, org] = incidentPointFields.map((f) => fields.indexOf(f));
  return rows.map((r) => ({
    id: r[id] as string,
    lon: r[lon] as number,
    lat: r[lat] as number,
    type: r[type] as string,
    casualties: r[casualties] as number,
    tearline: r[tearline] === 1,
    time: r[time] as string,
    org: (r[org] as string | null) ?? null,
  }));
}
