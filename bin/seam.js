#!/usr/bin/env node
// The `seam` command. Seam runs on the Node.js 24 pinned in node_modules; when started by an older
// node (e.g. the machine's own), hand over to the pinned one so `npx seam` works everywhere.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  const { main } = await import('../src/cli/main.ts');
  const code = await main(process.argv.slice(2));
  if (code !== 0) process.exit(code);
} else {
  const pinned = join(root, 'node_modules', '.bin', 'node');
  if (!existsSync(pinned)) {
    console.error(`seam: needs Node.js 24 or newer (this is ${process.version}); run "npm install" first`);
    process.exit(1);
  }
  const result = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
