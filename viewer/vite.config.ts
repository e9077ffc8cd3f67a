import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The twin server; `npm run dev` proxies to it so the viewer talks to one origin, as in production.
const target = process.env['TWIN_API_URL'] ?? 'http://127.0.0.1:8080';

/** Vite config of the viewer: root viewer/, output viewer/dist, dev proxy to twin-api. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    sourcemap: true,
    // three.js plus react-three-fiber is ~1.2 MB unminified-equivalent; one chunk is fine for a plant console.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': target,
      '/metrics': target,
      '/openapi.json': target,
      '/ws': { target: target.replace(/^http/, 'ws'), ws: true },
    },
  },
  preview: {
    proxy: {
      '/api': target,
      '/metrics': target,
      '/ws': { target: target.replace(/^http/, 'ws'), ws: true },
    },
  },
});
