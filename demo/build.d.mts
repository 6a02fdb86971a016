export const DEMO_VITE_CONFIG: string;
/** Build the demo client with vite into `outDir` (default demo/dist); resolves to the absolute output directory. */
export function buildDemoClient(options?: { outDir?: string; logLevel?: 'info' | 'warn' | 'error' | 'silent' }): Promise<string>;
