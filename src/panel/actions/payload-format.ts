/**
 * The editor's formats and how typed text becomes what a command carries: text as typed, or bytes
 * as base64 (Chromium before 148 carries JSON only on runtime ports). Mistakes come back as messages, never as exceptions.
 */
import { base64ToBytes, bytesToBase64, hexToBytes, utf8Length } from '../../shared/codec';
import { LIMITS } from '../../shared/limits';

export type PayloadFormat = 'text' | 'json' | 'hex' | 'base64';

export const FORMATS: readonly { value: PayloadFormat; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'json', label: 'JSON' },
  { value: 'hex', label: 'Binary (hex)' },
  { value: 'base64', label: 'Binary (base64)' },
];

export const isPayloadFormat = (value: unknown): value is PayloadFormat => FORMATS.some((f) => f.value === value);

export type PayloadBodyOut = { text: string } | { base64: string };

/** `bytes` is the size on the wire (UTF-8 for text), for the status line. */
export type ParsedPayload = { ok: true; body: PayloadBodyOut; bytes: number } | { ok: false; error: string };

const MiB = (n: number) => `${n / (1 << 20)} MiB`;

export function parsePayload(input: string, format: PayloadFormat): ParsedPayload {
  if (format === 'text' || format === 'json') {
    if (input.length > LIMITS.injectMax) {
      return { ok: false, error: `Message too large: ${input.length} characters (at most ${MiB(LIMITS.injectMax)} characters).` };
    }
    if (format === 'json') {
      const error = jsonError(input);
      if (error) return { ok: false, error };
    }
    return { ok: true, body: { text: input }, bytes: utf8Length(input) };
  }
  const bytes = format === 'hex' ? hexToBytes(input) : base64ToBytes(input);
  if (!bytes) {
    return {
      ok: false,
      error:
        format === 'hex'
          ? 'Invalid hex: expected whole bytes of hex digits, such as "de ad be ef" or "0xDEADBEEF".'
          : 'Invalid base64: expected standard base64 (A–Z, a–z, 0–9, +, /, with = padding).',
    };
  }
  if (bytes.length > LIMITS.injectMax) {
    return { ok: false, error: `Message too large: ${bytes.length} bytes (at most ${MiB(LIMITS.injectMax)}).` };
  }
  return { ok: true, body: { base64: bytesToBase64(bytes) }, bytes: bytes.length };
}

/** Line and column (1-based) of a UTF-16 offset, as editors count them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Why `text` is not JSON, with the position. Engines word this differently (V8 gives a position,
 * Firefox a line and column, neither for an empty input), so the position is normalised here.
 */
export function jsonError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    const position = /position (\d+)/.exec(message);
    let where: { line: number; column: number } | null = null;
    if (lineCol) where = { line: Number(lineCol[1]), column: Number(lineCol[2]) };
    else if (position) where = lineColumn(text, Number(position[1]));
    else if (/end of (JSON )?(input|data)/i.test(message) || text.trim() === '') where = lineColumn(text, text.length);
    return where ? `Invalid JSON at line ${where.line}, column ${where.column}: ${message}` : `Invalid JSON: ${message}`;
  }
}
