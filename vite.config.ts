import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

// The browser app: built into dist/web, which the server serves at `/`. In development (`npm run dev`) the API
// calls go to the Seam server given by SEAM_URL (default the one `npm run dev` starts).
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/healthz'].map((path) => [path, { target: process.env.SEAM_URL ?? 'http://127.0.0.1:8080' }]),
    ),
  },
});
