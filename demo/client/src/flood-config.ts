// Settings of the flood page, read from its URL.
import { sameHostWsUrl } from './config.ts';
import type { FloodProgress } from './hooks.ts';

export type FloodConfig = FloodProgress['config'] & { autoStart: boolean };

const MAX_SIZE = 16 * 1024 * 1024;

function bounded(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const value = Math.floor(Number(raw));
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

export function readFloodConfig(location: { protocol: string; host: string; search: string }): FloodConfig {
  const params = new URLSearchParams(location.search);
  return {
    rate: bounded(params.get('rate'), 0, 0, 1_000_000),
    size: bounded(params.get('size'), 1024, 0, MAX_SIZE),
    kind: params.get('kind') === 'binary' ? 'binary' : 'text',
    sockets: bounded(params.get('sockets'), 1, 1, 64),
    count: bounded(params.get('count'), 1000, 0, 100_000_000),
    target: params.get('target') || sameHostWsUrl(location, '/echo'),
    autoStart: params.get('autostart') !== '0',
  };
}
