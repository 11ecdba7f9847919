// Builds the browser app into dist/web (run at install and by `npm run build:web`), then writes a gzip copy
// beside each asset so the server sends compressed files without compressing on every request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'web');
const compressible = /\.(m?js|css|html|json|svg|map|wasm)$/;

const started = Date.now();
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

let files = 0;
let gzipped = 0;
for (const name of readdirSync(join(out, 'assets'))) {
  const file = join(out, 'assets', name);
  if (!compressible.test(name) || !statSync(file).isFile()) continue;
  const gz = gzipSync(readFileSync(file), { level: 9 });
  writeFileSync(`${file}.gz`, gz);
  files++;
  gzipped += gz.length;
}
console.log(
  `web app built into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s: ${files} assets, ${(gzipped / 1024).toFixed(0)} KiB gzipped`,
);
