#!/usr/bin/env node
// CLI: node demo/server/main.mjs [port] [--build]   (port also from env PORT; default 8080)
import { existsSync } from 'node:fs';
import { DEFAULT_DIST_DIR, startDemoServer } from './index.mjs';

const args = process.argv.slice(2);
const port = Number(args.find((a) => /^\d+$/.test(a)) ?? process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';

if (args.includes('--build') || !existsSync(DEFAULT_DIST_DIR)) {
  const { buildDemoClient } = await import('../build.mjs');
  console.log('Building the demo client...');
  await buildDemoClient();
}

const server = await startDemoServer({ port, host, log: (line) => console.log(line) });
console.log(`SocketScope demo: ${server.httpUrl}/  (chat ${server.url}, echo ${server.echoUrl})`);
console.log(`Flood page: ${server.httpUrl}/flood.html?rate=0&size=1024&kind=text&sockets=1&count=1000`);

const stop = () => {
  server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
