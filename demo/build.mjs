// Builds the demo client with vite: `node demo/build.mjs [outDir]`, or import buildDemoClient().
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const DEMO_VITE_CONFIG = fileURLToPath(new URL('./vite.config.mjs', import.meta.url));

/**
 * @param {{ outDir?: string, logLevel?: 'info' | 'warn' | 'error' | 'silent' }} [options]
 * @returns {Promise<string>} absolute output directory
 */
export async function buildDemoClient(options = {}) {
  const outDir = resolve(options.outDir ?? fileURLToPath(new URL('./dist', import.meta.url)));
  await build({
    configFile: DEMO_VITE_CONFIG,
    logLevel: options.logLevel ?? 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = await buildDemoClient({ outDir: process.argv[2], logLevel: 'info' });
  console.log(`Demo client built into ${outDir}`);
}
