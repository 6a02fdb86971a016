import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

/**
 * mqtt-packet's parser (the panel's MQTT decoder) uses only bl's BufferList; bl's main module adds a
 * stream wrapper that would pull readable-stream and its Node shims into the panel for nothing. Scoped
 * to imports made by mqtt-packet, so no other code resolves `bl` differently.
 */
function mqttPacketBufferListOnly(): Plugin {
  return {
    name: 'socketscope:mqtt-packet-buffer-list-only',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== 'bl' || !importer?.replaceAll('\\', '/').includes('/node_modules/mqtt-packet/')) return null;
      return this.resolve('bl/BufferList.js', importer, { skipSelf: true });
    },
  };
}

export default defineConfig({
  plugins: [
    mqttPacketBufferListOnly(),
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
