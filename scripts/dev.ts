// `npm run dev`: the Seam server (as `npm start` runs it) and Vite's development server with hot reload in front
// of it; the browser app is at Vite's address and its API calls go through to Seam. With SEAM_URL set, only Vite
// starts and proxies to that server instead.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
let seam: ChildProcess | null = null;

if (!process.env.SEAM_URL) {
  const port = process.env.SEAM_PORT ?? '8080';
  process.env.SEAM_URL = `http://127.0.0.1:${port}`;
  seam = spawn(process.execPath, [join(root, 'src/cli/main.ts'), 'serve', '--port', port], {
    stdio: 'inherit',
    cwd: root,
  });
  seam.on('exit', (code) => {
    console.error(`the Seam server stopped (exit ${code}); stopping`);
    process.exit(code ?? 1);
  });
}

const vite = await createServer({ configFile: join(root, 'vite.config.ts') });
await vite.listen();
vite.printUrls();
console.log(`  API calls go to ${process.env.SEAM_URL}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, async () => {
    seam?.kill('SIGTERM');
    await vite.close();
    process.exit(0);
  });
