import type { GapReport } from '../../../geo/gap-report.ts';
import { toMgrs } from '../../../geo/mgrs.ts';
import type { GapForecastAnswer } from '../../../service/gap-forecast.ts';
import { table } from '../../args.ts';

export const km = (x: number, digits = 2) =>
  x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
export const lonLat = (p: readonly number[]) => `${p[0].toFixed(5)}, ${p[1].toFixed(5)}`;
export const mgrs = (lon: number, lat: number) => {
  try {
    return toMgrs(lon, lat);
  } catch {
    return '-';
  }
};

/** The report for people: the headline figures and compact tables. */
export function printReport(r: GapReport): void {
  const out: string[] = [];
  const row = (label: string, text: string) => out.push(`${label.padEnd(19)}${text}`);
  row('window', `${r.window.from} – ${r.window.to}`);
  row(
    'presence counted',
    `${r.orgs ? r.orgs.join(', ') : 'every organisation'}${r.min_share > 0 ? `, covered at least ${pct(r.min_share)} of the window` : ''}`,
  );
  row('zone', `${km(r.zone_km2)} km²   line ${km(r.line_km)} km`);
  row(
    'uncovered',
    `${km(r.uncovered_km2)} km² (${pct(r.uncovered_share)} of the zone) in ${r.gaps.features.length} gap${r.gaps.features.length === 1 ? '' : 's'}`,
  );
  const s = r.longest_uncovered_stretch;
  row(
    'longest stretch',
    s
      ? `${km(s.length_km)} km, km ${km(s.start_km)}–${km(s.end_km)} of the line, from ${lonLat(s.start)} to ${lonLat(s.end)}`
      : 'none: the whole line is covered',
  );
  row('uncovered runs', String(r.uncovered_runs.length));
  row('corridors', String(r.corridors.length));
  row(
    'incidents in gaps',
    `${r.inputs.incidents_in_gaps} of ${r.inputs.incidents_in_zone} in the zone` +
      (r.ignored.incidents_outside_zone ? ` (${r.ignored.incidents_outside_zone} outside the zone ignored)` : ''),
  );
  if (r.hotspots) {
    const inGaps = r.hotspots.regions.filter((h) => h.in_gap).length;
    row(
      'hot regions',
      `${r.hotspots.regions.length} (${inGaps} in gaps; H3 resolution ${r.hotspots.resolution}, k ${r.hotspots.k}, FDR q ${r.hotspots.q})` +
        (r.hotspots.too_few_points ? ' — too few incidents to test' : ''),
    );
  } else {
    row('hot regions', 'not computed');
  }
  row(
    'presence',
    `${r.inputs.presence_used} of ${r.inputs.presence} records used` +
      `; ignored: ${r.ignored.presence_outside_zone} outside the zone, ${r.ignored.presence_inactive} inactive in the window, ${r.ignored.presence_other_orgs} of other organisations`,
  );
  for (const p of r.repaired) row('repaired', `${p.field}: ${p.problem}`);

  if (r.corridors.length > 0) {
    out.push('', 'Corridors (gaps joining the zone’s two edges):');
    out.push(
      table(
        ['corridor', 'gap', 'narrowest km', 'area km²', 'narrowest at (lon, lat)', 'chainage km'],
        r.corridors.map((c) => [
          c.id,
          c.gap_id,
          c.narrowest_width_km === null ? '-' : `${km(c.narrowest_width_km)} ±${km(c.width_resolution_km)}`,
          km(c.area_km2),
          lonLat(c.narrowest_at),
          km(c.chainage_km),
        ]),
      ),
    );
  }
  if (r.per_aor.length > 0) {
    out.push('', 'Per area of responsibility:');
    out.push(
      table(
        ['aor', 'zone km²', 'uncovered km²', 'share'],
        r.per_aor.map((a) => [a.code, km(a.zone_km2), km(a.uncovered_km2), pct(a.uncovered_share)]),
      ),
    );
  }
  if (r.recommendations) {
    const rec = r.recommendations;
    out.push('', `Recommended joint checkpoints (radius ${km(rec.radius_km, 1)} km):`);
    if (rec.sites.length === 0) out.push('none: no incidents in gaps to cover');
    else {
      out.push(
        table(
          ['rank', 'lon, lat', 'MGRS', 'gain', 'incidents', 'cuts corridors'],
          rec.sites.map((x) => [
            String(x.rank),
            lonLat([x.lon, x.lat]),
            mgrs(x.lon, x.lat),
            String(x.gain),
            String(x.incidents),
            x.corridors.join(',') || '-',
          ]),
        ),
      );
      out.push(
        `total gain ${rec.total_gain} of ${rec.demand_weight} (${pct(rec.covered_share)} of the weight in gaps)`,
      );
    }
  }
  console.log(out.join('\n'));
}

/** The forecast for people: the gap now and with the planned activities, and each corridor's fate. */
export function printForecast(f: GapForecastAnswer): void {
  const out: string[] = [];
  const row = (label: string, text: string) => out.push(`${label.padEnd(19)}${text}`);
  row('window', `${f.window.from} – ${f.window.to}`);
  row('planned counted', `${f.planned_activities.length} activit${f.planned_activities.length === 1 ? 'y' : 'ies'}`);
  row(
    'standing gap',
    `${km(f.standing.uncovered_km2)} km² (${pct(f.standing.uncovered_share)} of the zone), ${f.standing.corridors} corridors`,
  );
  row(
    'with planned',
    `${km(f.planned.uncovered_km2)} km² (${pct(f.planned.uncovered_share)} of the zone), ${f.planned.corridors} corridors`,
  );
  row('closes', `${km(f.closes_km2)} km² (${pct(f.closes_share)} of the gap)`);
  console.log(out.join('\n'));
  if (f.corridors.length > 0) {
    console.log(
      `\n${table(
        ['corridor', 'area km²', 'narrowest km', 'at (MGRS)', 'with planned'],
        f.corridors.map((c) => [
          c.id,
          km(c.area_km2),
          c.narrowest_width_km === null ? '-' : km(c.narrowest_width_km),
          mgrs(c.narrowest_at[0], c.narrowest_at[1]),
          c.stays_open ? 'stays open' : 'closed',
        ]),
      )}`,
    );
  }
}
