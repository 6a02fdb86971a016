/** Field checks for imported files, on top of the shared validator: imported data is hostile. */
import { LIMITS } from '../../shared/limits';
import { type CustomCheck, str } from '../../shared/schema';
import { checker, expected, ProtocolError } from '../../shared/validate';

export const short = str(LIMITS.shortText);
export const frameKey = str(LIMITS.keyChars);

export const finite: CustomCheck<number> = (v, fail) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fail('expected a finite number');

/** A safe integer of at least `min`, or `fail(tooSmall)`. */
const atLeast =
  (min: number, tooSmall: string): CustomCheck<number> =>
  (v, fail) =>
    typeof v !== 'number' || !Number.isSafeInteger(v) ? fail(expected('integer', v)) : v < min ? fail(tooSmall) : v;

export const count = atLeast(0, 'expected a count (0 or more)');
export const positive = atLeast(1, 'expected a positive integer');
export const checkShort = checker(short);
export const checkPositive = checker(positive);

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
