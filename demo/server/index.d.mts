// Lets TypeScript resolve `import ... from './index.mjs'` to the declarations in index.d.ts.
export * from './index.js';
