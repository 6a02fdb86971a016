// Load generator: sends `count` messages of `size` bytes over `sockets` connections to an echo
// endpoint at `rate` messages per second, and counts the echoes.
import { byId } from './dom.ts';
import { readFloodConfig } from './flood-config.ts';
import type { FloodProgress } from './hooks.ts';

const HIGH_WATER_BYTES = 8 * 1024 * 1024;
const MAX_BURST = 500;

const { autoStart, ...config } = readFloodConfig(window.location);
const progress: FloodProgress = {
  config,
  state: 'idle',
  sent: 0,
  received: 0,
  bytesSent: 0,
  bytesReceived: 0,
  errors: 0,
  done: false,
  startedAt: null,
  finishedAt: null,
  msgsPerSec: 0,
};
window.__flood = progress;

const payload: string | Uint8Array<ArrayBuffer> =
  config.kind === 'text' ? 'x'.repeat(config.size) : Uint8Array.from({ length: config.size }, (_, i) => i & 0xff);
let sockets: WebSocket[] = [];
const channel = new MessageChannel();

function render(): void {
  const end = progress.finishedAt ?? Date.now();
  const elapsed = progress.startedAt === null ? 0 : end - progress.startedAt;
  progress.msgsPerSec = elapsed > 0 ? Math.round((progress.received / elapsed) * 1000) : 0;
  byId('flood-state').textContent = progress.state;
  byId('flood-sent').textContent = String(progress.sent);
  byId('flood-received').textContent = String(progress.received);
  byId('flood-errors').textContent = String(progress.errors);
  byId('flood-done').textContent = String(progress.done);
  byId('flood-rate').textContent = String(progress.msgsPerSec);
}

function finish(state: 'done' | 'error'): void {
  if (progress.done) return;
  progress.done = true;
  progress.state = state;
  progress.finishedAt = Date.now();
  for (const socket of sockets) socket.close(1000, 'Flood finished');
  render();
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('open', () => resolve(socket), { once: true });
    socket.addEventListener('error', () => reject(new Error(`Cannot connect to ${url}`)), { once: true });
  });
}

function onEcho(event: MessageEvent): void {
  const data = event.data as string | ArrayBuffer;
  progress.received++;
  progress.bytesReceived += typeof data === 'string' ? data.length : data.byteLength;
  if (progress.received >= config.count) finish('done');
}

function pump(): void {
  if (progress.done || progress.startedAt === null) return;
  const elapsed = Date.now() - progress.startedAt;
  const due = config.rate > 0 ? Math.min(config.count, Math.floor((elapsed * config.rate) / 1000) + 1) : config.count;
  let burst = 0;
  let blocked = false;
  while (progress.sent < due && burst < MAX_BURST) {
    const socket = sockets[progress.sent % sockets.length];
    if (socket.readyState !== WebSocket.OPEN) {
      finish('error');
      return;
    }
    if (socket.bufferedAmount > HIGH_WATER_BYTES) {
      blocked = true;
      break;
    }
    socket.send(payload);
    progress.sent++;
    progress.bytesSent += config.size;
    burst++;
  }
  if (progress.sent >= config.count) return;
  if (config.rate === 0 && !blocked) channel.port2.postMessage(null);
  else window.setTimeout(pump, config.rate > 0 ? Math.max(1, Math.min(20, 1000 / config.rate)) : 5);
}

async function start(): Promise<void> {
  if (progress.state !== 'idle') return;
  progress.state = 'connecting';
  render();
  try {
    sockets = await Promise.all(Array.from({ length: config.sockets }, () => openSocket(config.target)));
  } catch {
    progress.errors++;
    finish('error');
    return;
  }
  for (const socket of sockets) {
    socket.addEventListener('message', onEcho);
    socket.addEventListener('close', () => {
      if (!progress.done) {
        progress.errors++;
        finish('error');
      }
    });
  }
  progress.state = 'running';
  progress.startedAt = Date.now();
  if (config.count === 0) finish('done');
  else pump();
}

channel.port1.onmessage = pump;
byId('flood-config').textContent = JSON.stringify(config);
byId('flood-start').addEventListener('click', () => void start());
window.setInterval(render, 100);
render();
if (autoStart) void start();
