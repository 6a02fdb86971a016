/**
 * Checks close(code, reason) exactly as WebSocket.close() does, so that the panel reports the
 * browser's error instead of sending a command the page would reject.
 */
import { utf8Length } from '../../shared/codec';

export type CloseCheck = { ok: true; code?: number; reason?: string } | { ok: false; error: string };

/**
 * WebIDL [Clamp] unsigned short: NaN becomes 0, the value is clamped to 0…65535 and rounded to
 * the nearest integer, ties to even. So close(1000.4) closes with 1000 and close(70000) is refused.
 */
export function clampUnsignedShort(value: number): number {
  if (Number.isNaN(value)) return 0;
  const clamped = Math.min(65535, Math.max(0, value));
  const floor = Math.floor(clamped);
  const fraction = clamped - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** `codeInput` is the text of the code field ('' = no code); `reason` '' = no reason. */
export function validateClose(codeInput: string, reason: string): CloseCheck {
  let code: number | undefined;
  if (codeInput.trim() !== '') {
    code = clampUnsignedShort(Number(codeInput));
    if (code !== 1000 && (code < 3000 || code > 4999)) {
      return {
        ok: false,
        error: `InvalidAccessError: The close code must be either 1000, or between 3000 and 4999. ${code} is neither.`,
      };
    }
  }
  if (reason !== '') {
    const bytes = utf8Length(reason);
    if (bytes > 123) {
      return { ok: false, error: `SyntaxError: The close reason must not be greater than 123 UTF-8 bytes (it is ${bytes}).` };
    }
  }
  return { ok: true, code, reason: reason === '' ? undefined : reason };
}
