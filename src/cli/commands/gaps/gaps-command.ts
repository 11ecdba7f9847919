import { maxTrendWindows } from '../../../service/gaps.ts';
import { parse, UsageError } from '../../args.ts';
import { type Command, dataDirHelp } from '../../command.ts';
import { databaseMode } from './database.ts';
import { fileMode } from './files.ts';
import { fileOptions, gapOptions } from './options.ts';

export const gapsCommand: Command = {
  name: 'gaps',
  summary: 'coverage gaps, corridors, hotspots and recommended joint checkpoints',
  help: `Usage:
  seam gaps --user USERNAME [--from WHEN] [--to WHEN] [options] [--json] [--data-dir DIR]
  seam gaps --user USERNAME --from WHEN --to WHEN --every 1d|12h|30m [--orgs A,B] [--min-share S] [--json]
  seam gaps --user USERNAME --forecast DAYS [--from WHEN] [--orgs A,B] [--min-share S] [--json]
  seam gaps --line FILE (--zone FILE | --zone-km N) --presence FILE [--incidents FILE] [--aors FILE]
            [--from WHEN] [--to WHEN] [options] [--json]

Where does nobody cover the ground? The analysis of a time window: gaps (area, share of the zone),
the longest uncovered stretch of the line and every uncovered run, corridors (gaps joining the
zone's two edges) with their narrowest width, the per-AOR breakdown, incidents in gaps, Gi* hot
regions and recommended joint checkpoints.

With --user it runs on the database as that user: only the presence and incidents the user may
see count. With --every it splits [--from, --to) into windows (at most ${maxTrendWindows}), prints the series
("is the gap closing?") and stores each window as a snapshot of the user's organisation (a window
computed again replaces its snapshot). With --forecast it answers "if the planned activities of
the next DAYS days happen, how much of the gap closes, and which corridors stay open?": the gap of
[--from (default now), +DAYS) with the standing presence, against the same window with the planned
patrols, checkpoint set-ups and operations the user may see (notified, acknowledged, contested or
under way) added.

With --line it runs on files alone (GeoJSON, WGS84), no database: the line is a LineString, the
zone a Polygon/MultiPolygon (a FeatureCollection with one feature, a Feature, or the bare
geometry); presence features carry kind (checkpoint Point, patrol LineString, aor Polygon), org,
radius_km (checkpoint), buffer_km (patrol), optional from/to; incidents are Points with optional
weight, type, time; AORs are Polygon/MultiPolygon features with properties.code. Files over
200 MB are refused.

  --user NAME              analyse the database as this user
  --from WHEN, --since     window start: ISO-8601 or 7d, 12h, 30m ago (default: 7 days before --to)
  --to WHEN                window end (default: now)
  --every D                a trend over windows of D (1d, 12h, 30m); needs --from and --to
  --forecast DAYS          planned coverage over DAYS (1 to 31) from --from (default now)
  --line FILE              the coordination line (files)
  --zone FILE              the zone (files)
  --zone-km N              or a zone of N km each side of the line (files)
  --presence FILE          presence of the organisations (files)
  --incidents FILE         incidents (files)
  --aors FILE              areas of responsibility for the per-AOR breakdown (files)
  --orgs A,B               organisations whose presence counts (default: all)
  --min-share S            share of the window (0..1) a place must be covered to count (default 0)
  --hotspot-resolution N   H3 resolution of the hotspots (default 8)
  --hotspot-k N            neighbourhood in H3 rings (default 1)
  --hotspot-q Q            false discovery rate (default 0.05)
  --no-hotspots            skip the hotspots
  --sites N                joint checkpoints to recommend (default 5; 0 = none)
  --site-radius-km R       their coverage radius (default 5)
  --half-life-days D       weight recent incidents more: halve the weight every D days before --to
  --prefer-corridors       prefer sites that cut corridors
  --json                   print JSON (the report, or {"series": [...]}) instead of text
${dataDirHelp} (with --user)`,
  async run(argv) {
    const { values } = parse(argv, gapOptions);
    const files = fileOptions.find((o) => values[o] !== undefined);
    if (values.user !== undefined && files)
      throw new UsageError(
        `--user (the database) and --${files} (files alone) do not go together: give one or the other`,
      );
    if (values.user !== undefined) return databaseMode(values, values.user);
    if (files) return fileMode(values);
    throw new UsageError(
      'give --user NAME to analyse the database, or --line FILE with --zone/--zone-km and --presence to analyse files',
    );
  },
};
