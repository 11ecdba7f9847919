import { CotServer } from '../../cot/server/cot-server.ts';
import { startTakPorts, type TakPorts } from '../../cot/tak-ports.ts';
import { tileUrlProblem } from '../../domain/basemap.ts';
import { buildApp } from '../../server/app.ts';
import { defaultSitrepScheduleMs } from '../../server/sitrep-schedule.ts';
import { databaseFile, openStore } from '../../store/store.ts';
import { dataDir, dataDirOption, intOption, parse, UsageError } from '../args.ts';
import { type Command, dataDirHelp } from '../command.ts';
import { addressText, hostPortOption } from '../tak-tcp.ts';
import { buildDemoDatabase, printCredentials } from './demo.ts';
import { takHostNames, takPortOption } from './serve-tak-options.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the Seam server (loads the demo scenario into an empty data directory)',
  help: `Usage: seam serve [--port N] [--host ADDR] [--data-dir DIR] [--no-demo] [--log-level LEVEL] [--tile-url URL]
                  [--chromium PATH]
                  [--tak-tcp HOST:PORT] [--tak-tls HOST:PORT] [--marti HOST:PORT] [--tak-enrol HOST:PORT]
                  [--tak-name NAMES] [--tak-package-mb N]

Starts Seam on its embedded database. On the first start in an empty data directory it loads
the demo scenario (synthetic exercise data) and prints one demo login per organisation, also
written to DIR/demo-credentials.txt (readable by the owner only). While it runs, it drafts each
JCC's daily SITREPs at their scheduled time (see seam sitrep schedule).

  --port N            port to listen on (default: $SEAM_PORT or 8080; 0 picks a free one)
  --host ADDR         address to listen on (default: $SEAM_HOST or 127.0.0.1)
  --no-demo           start empty instead of loading the demo scenario
  --log-level LEVEL   fatal, error, warn, info, debug (default: info)
  --tile-url URL      the site's own vector tile server, drawn as the basemap instead of one
                      loaded with seam basemap import: a URL template with {z}, {x} and {y}
                      serving MVT tiles in the Protomaps basemap schema, e.g.
                      https://tiles.example.org/basemap/{z}/{x}/{y}.mvt (default: $SEAM_TILE_URL)
  --chromium PATH     the Chromium that prints SITREP PDFs (default: $SEAM_CHROMIUM, else
                      /usr/bin/chromium from Debian's package chromium)
  --tak-tcp HOST:PORT also serve TAK clients (ATAK, WinTAK, iTAK) Cursor-on-Target over plain TCP,
                      signing in with their Seam user name and password: for loopback or
                      exercises only, as nothing is encrypted (default: off; see docs/tak.md)

TAK clients connect with certificates on three more ports, open whenever the data directory has
a TAK certificate authority (seam tak ca init) and closed without one; "off" closes one:
  --tak-tls HOST:PORT   CoT over TLS with client certificates (default: ADDR:8089)
  --marti HOST:PORT     the Marti API (data packages, client list) with client certificates
                        (default: ADDR:8443)
  --tak-enrol HOST:PORT certificate enrolment with the user's Seam password (default: ADDR:8446)
  --tak-name NAMES      comma-separated host names or addresses clients reach the server at; its
                        TLS certificate is issued for them (default: ADDR, localhost, 127.0.0.1)
  --tak-package-mb N    the largest data package the Marti API accepts, in MiB (default: 64)
${dataDirHelp}`,
  async run(argv) {
    const { values } = parse(argv, {
      ...dataDirOption,
      port: { type: 'string' },
      host: { type: 'string' },
      'no-demo': { type: 'boolean' },
      'log-level': { type: 'string' },
      'tile-url': { type: 'string' },
      chromium: { type: 'string' },
      'tak-tcp': { type: 'string' },
      'tak-tls': { type: 'string' },
      marti: { type: 'string' },
      'tak-enrol': { type: 'string' },
      'tak-name': { type: 'string' },
      'tak-package-mb': { type: 'string' },
    });
    const dir = dataDir(values['data-dir']);
    const port = intOption('port', values.port ?? process.env.SEAM_PORT, 0, 65535) ?? 8080;
    const host = values.host ?? process.env.SEAM_HOST ?? '127.0.0.1';
    const level = values['log-level'] ?? process.env.SEAM_LOG_LEVEL ?? 'info';
    const tileUrl = values['tile-url'] ?? (process.env.SEAM_TILE_URL || null);
    const tileProblem = tileUrl === null ? null : tileUrlProblem(tileUrl);
    if (tileProblem) throw new UsageError(`the tile URL (--tile-url or SEAM_TILE_URL) ${tileProblem}`);
    const takTcp = values['tak-tcp'] === undefined ? null : hostPortOption('--tak-tcp', values['tak-tcp']);
    const takTls = takPortOption('tak-tls', values['tak-tls'], host, 8089);
    const marti = takPortOption('marti', values.marti, host, 8443);
    const takEnrol = takPortOption('tak-enrol', values['tak-enrol'], host, 8446);
    const takNames = takHostNames(values['tak-name'], host);
    const takPackageMb = intOption('tak-package-mb', values['tak-package-mb'], 1, 1024) ?? 64;
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
    const chromiumPath = values.chromium ?? (process.env.SEAM_CHROMIUM || null);
    // The CoT server logs through the HTTP server's logger (no client connects before both listen).
    const cot = new CotServer({
      store,
      bus: store.bus,
      options: { log: (lvl, msg, fields) => app.log[lvl](fields, msg) },
    });
    let tak: TakPorts | null = null;
    const app = await buildApp(store, {
      logger: { level },
      tileUrl,
      chromiumPath,
      sitrepScheduleMs: defaultSitrepScheduleMs,
      metricSources: [() => cot.metricsText(), () => tak?.counters.render() ?? ''],
    });
    const address = await app.listen({ port, host });
    const url = address.replace('[::1]', 'localhost');
    console.log(`Seam is listening on ${url}  (data: ${dir})`);
    if (takTcp) console.log(`TAK clients (plain TCP): ${addressText(await cot.listenTcp(takTcp.host, takTcp.port))}`);
    if (credentials) printCredentials(credentials, dir);
    // The certificate-based TAK ports: open when a TAK certificate authority exists.
    tak = await startTakPorts({
      store,
      dataDir: dir,
      cot,
      tls: takTls,
      marti,
      enrol: takEnrol,
      hostNames: takNames,
      maxPackageBytes: takPackageMb * 1024 * 1024,
      log: (line, fields = {}) => app.log.info(fields, line),
    });
    if (tak) {
      const at = (p: { address: { address: string; port: number } } | null) =>
        p ? `${p.address.address}:${p.address.port}` : 'off';
      console.log(`TAK ports: CoT TLS ${at(tak.tls)}, Marti API ${at(tak.marti)}, enrolment ${at(tak.enrol)}`);
    }
    const stop = async (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      await Promise.all([tak?.close(), cot.close()]);
      await app.close();
      store.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  },
};
