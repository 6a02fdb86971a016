export function buildAll(options?: { quiet?: boolean }): Promise<{ chromeDir: string; firefoxDir: string }>;
