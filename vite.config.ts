import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest: manifest as Parameters<typeof crx>[0]['manifest'],
      // Both content scripts must run at document_start without crx's async loader (see BROWSER-TESTING.md).
      contentScripts: { standaloneFiles: ['src/page/hook.iife.ts', 'src/content/relay.iife.ts'] },
    }),
  ],
  build: {
    outDir: 'dist/chrome',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    minify: true,
    rollupOptions: {
      // crx follows only HTML named in the manifest; the panel page is named in the devtools script.
      input: { panel: 'src/panel/panel.html' },
    },
  },
});
