/** Builds the extension once per e2e run, so every browser test loads the code under test. */
import { buildAll } from '../../scripts/build.mjs';

export default async function setup() {
  if (process.env.SOCKETSCOPE_SKIP_BUILD === '1') return;
  await buildAll({ quiet: true });
}
