// Builds the demo client (demo/client) into demo/dist, which the demo server serves.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const backend = process.env.DEMO_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: here('./client'),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: { index: here('./client/index.html'), flood: here('./client/flood.html') },
    },
  },
  // `npx vite --config demo/vite.config.mjs` serves the client with hot reload, proxied to a demo server.
  server: {
    host: '127.0.0.1',
    proxy: {
      '/ws': { target: backend, ws: true },
      '/echo': { target: backend, ws: true },
      '/control': { target: backend },
    },
  },
});
