import { maxCoverageKm } from '../../../domain/presence.ts';
import { type GapReport, gapReport } from '../../../geo/gap-report.ts';
import { UsageError } from '../../args.ts';
import {
  readAorsFile,
  readIncidentsFile,
  readLineFile,
  readPresenceFile,
  readZoneFile,
  withFileNamed,
} from '../../gap-files.ts';
import { numberOption, reportOptions, type Values, windowOf } from './options.ts';
import { printReport } from './print-report.ts';

/** `seam gaps --line …`: the analysis of files alone, no database. */
export function fileMode(values: Values): void {
  if (values['data-dir'] !== undefined)
    throw new UsageError('--data-dir is for the database (--user); files alone need no data directory');
  if (values.every !== undefined) throw new UsageError('--every needs --user: a trend is computed on the database');
  if (values.line === undefined) throw new UsageError('--line FILE is needed (the coordination line)');
  if (values.zone !== undefined && values['zone-km'] !== undefined)
    throw new UsageError('--zone and --zone-km do not go together: give a zone file or a width');
  if (values.zone === undefined && values['zone-km'] === undefined)
    throw new UsageError('a zone is needed: --zone FILE, or --zone-km N for N km each side of the line');
  if (values.presence === undefined)
    throw new UsageError('--presence FILE is needed (an empty FeatureCollection if nobody is present)');
  const zoneKm = numberOption('zone-km', values['zone-km'], 0, maxCoverageKm, true);
  const window = windowOf(values, new Date());
  const options = reportOptions(values, window);
  const files = {
    line: values.line,
    zone: values.zone,
    presence: values.presence,
    incidents: values.incidents,
    aors: values.aors,
  };
  const line = readLineFile(values.line);
  const zone = values.zone === undefined ? null : readZoneFile(values.zone);
  const presence = readPresenceFile(values.presence);
  const incidents = values.incidents === undefined ? [] : readIncidentsFile(values.incidents);
  const aors = values.aors === undefined ? [] : readAorsFile(values.aors);
  let report: GapReport;
  try {
    report = gapReport({ line, zone, zoneKm: zoneKm ?? null, presence, incidents, aors, window, options });
  } catch (err) {
    throw withFileNamed(err, files);
  }
  if (values.json) console.log(JSON.stringify(report));
  else printReport(report);
}
