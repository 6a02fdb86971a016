/** Field checks for imported files, on top of the shared validator: imported data is hostile. */
import { LIMITS } from '../../shared/limits';
import { type Check, int, ProtocolError, str } from '../../shared/validate';

export { arrayOf, bool, int, literal, object, optional, str } from '../../shared/validate';

export const short = str(LIMITS.shortText);
export const frameKey = str(64);

export const finite: Check<number> = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ProtocolError(`${p}: expected a finite number`);
  return v;
};

export const count: Check<number> = (v, p) => {
  const n = int(v, p);
  if (n < 0) throw new ProtocolError(`${p}: expected a count (0 or more)`);
  return n;
};

export const positive: Check<number> = (v, p) => {
  const n = int(v, p);
  if (n < 1) throw new ProtocolError(`${p}: expected a positive integer`);
  return n;
};

/** Payload data: any length (the file size cap bounds it), but a string. */
export const data = str(Number.MAX_SAFE_INTEGER);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function checkBase64(value: string, path: string): string {
  if (!BASE64.test(value)) throw new ProtocolError(`${path}: expected base64`);
  return value;
}

/** Bytes encoded by standard base64 text, without decoding it. */
export function base64Size(value: string): number {
  const pad = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((value.length * 3) / 4) - pad);
}
