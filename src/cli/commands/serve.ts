import { CotServer } from '../../cot/server/cot-server.ts';
import { tileUrlProblem } from '../../domain/basemap.ts';
import { buildApp } from '../../server/app.ts';
import { databaseFile, openStore } from '../../store/store.ts';
import { dataDir, dataDirOption, intOption, parse, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { addressText, hostPortOption } from '../tak-tcp.ts';
import { buildDemoDatabase, printCredentials } from './demo.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the Seam server (loads the demo scenario into an empty data directory)',
  help: `Usage: seam serve [--port N] [--host ADDR] [--data-dir DIR] [--no-demo] [--log-level LEVEL] [--tile-url URL]
                  [--tak-tcp HOST:PORT]

Starts Seam on its embedded database. On the first start in an empty data directory it loads
the demo scenario (synthetic exercise data) and prints one demo login per organisation, also
written to DIR/demo-credentials.txt (readable by the owner only).

  --port N            port to listen on (default: $SEAM_PORT or 8080; 0 picks a free one)
  --host ADDR         address to listen on (default: $SEAM_HOST or 127.0.0.1)
  --no-demo           start empty instead of loading the demo scenario
  --log-level LEVEL   fatal, error, warn, info, debug (default: info)
  --tile-url URL      the site's own vector tile server, drawn as the basemap instead of one
                      loaded with seam basemap import: a URL template with {z}, {x} and {y}
                      serving MVT tiles in the Protomaps basemap schema, e.g.
                      https://tiles.example.org/basemap/{z}/{x}/{y}.mvt (default: $SEAM_TILE_URL)
  --tak-tcp HOST:PORT also serve TAK clients (ATAK, WinTAK, iTAK) Cursor-on-Target over plain TCP,
                      signing in with their Seam user name and password: for loopback or
                      exercises only, as nothing is encrypted (default: off; see docs/tak.md)
${dataDirHelp}`,
  async run(argv) {
    const { values } = parse(argv, {
      ...dataDirOption,
      port: { type: 'string' },
      host: { type: 'string' },
      'no-demo': { type: 'boolean' },
      'log-level': { type: 'string' },
      'tile-url': { type: 'string' },
      'tak-tcp': { type: 'string' },
    });
    const dir = dataDir(values['data-dir']);
    const port = intOption('port', values.port ?? process.env.SEAM_PORT, 0, 65535) ?? 8080;
    const host = values.host ?? process.env.SEAM_HOST ?? '127.0.0.1';
    const level = values['log-level'] ?? process.env.SEAM_LOG_LEVEL ?? 'info';
    const tileUrl = values['tile-url'] ?? (process.env.SEAM_TILE_URL || null);
    const tileProblem = tileUrl === null ? null : tileUrlProblem(tileUrl);
    if (tileProblem) throw new UsageError(`the tile URL (--tile-url or SEAM_TILE_URL) ${tileProblem}`);
    const takTcp = values['tak-tcp'] === undefined ? null : hostPortOption('--tak-tcp', values['tak-tcp']);
    let store = openStore(databaseFile(dir));
    let credentials: string | null = null;
    // An empty site gets the demo, unless its operator once started it with --no-demo. The check is
    // on content, not on the file; the demo is built beside the database and swapped in whole, so a
    // first start killed while it loads leaves an empty site that the next start fills again.
    if ((await store.organisations.list()).length === 0 && (await store.settings.get('demo')) === null) {
      if (values['no-demo'])
        await store.write(null, (tx) => tx.settings.set('demo', JSON.stringify({ declined: true })));
      else {
        const asOf = store.now();
        store.close();
        credentials = (await buildDemoDatabase(dir, { seed: 1, asOf })).credentials;
        store = openStore(databaseFile(dir));
      }
    }
    // The CoT server logs through the HTTP server's logger (no client connects before both listen).
    const cot = new CotServer({
      store,
      bus: store.bus,
      options: { log: (lvl, msg, fields) => app.log[lvl](fields, msg) },
    });
    const app = await buildApp(store, { logger: { level }, tileUrl, metricSources: [() => cot.metricsText()] });
    const address = await app.listen({ port, host });
    const url = address.replace('[::1]', 'localhost');
    console.log(`Seam is listening on ${url}  (data: ${dir})`);
    if (takTcp) console.log(`TAK clients (plain TCP): ${addressText(await cot.listenTcp(takTcp.host, takTcp.port))}`);
    if (credentials) printCredentials(credentials, dir);
    const stop = async (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      await cot.close();
      await app.close();
      store.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  },
};
