import { describe, expect, it } from 'vitest';
import { clampUnsignedShort, validateClose } from '../../../src/panel/actions/close-validation';

describe('validateClose, as WebSocket.close() validates', () => {
  it('accepts no code and no reason', () => {
    expect(validateClose('', '')).toEqual({ ok: true, code: undefined, reason: undefined });
  });

  it('accepts 1000 and 3000–4999', () => {
    for (const code of [1000, 3000, 3999, 4000, 4999]) expect(validateClose(String(code), '')).toMatchObject({ ok: true, code });
  });

  it('refuses other codes with InvalidAccessError', () => {
    for (const code of ['999', '1001', '1006', '2999', '5000', '0', '-1']) {
      const result = validateClose(code, '');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^InvalidAccessError: /);
    }
  });

  it('names the clamped code in the error, as the browser does', () => {
    expect(validateClose('70000', '')).toEqual({
      ok: false,
      error: 'InvalidAccessError: The close code must be either 1000, or between 3000 and 4999. 65535 is neither.',
    });
  });

  it('rounds fractional codes like WebIDL [Clamp] (ties to even)', () => {
    expect(clampUnsignedShort(1000.4)).toBe(1000);
    expect(clampUnsignedShort(3000.5)).toBe(3000);
    expect(clampUnsignedShort(3001.5)).toBe(3002);
    expect(clampUnsignedShort(Number.NaN)).toBe(0);
    expect(validateClose('4000.6', '')).toMatchObject({ ok: true, code: 4001 });
  });

  it('accepts a reason of exactly 123 UTF-8 bytes', () => {
    expect(validateClose('1000', 'a'.repeat(123))).toMatchObject({ ok: true, reason: 'a'.repeat(123) });
    // 41 three-byte characters = 123 bytes
    expect(validateClose('1000', '€'.repeat(41)).ok).toBe(true);
  });

  it('refuses a longer reason with SyntaxError, counting UTF-8 bytes, not characters', () => {
    const result = validateClose('1000', 'é'.repeat(62)); // 62 characters, 124 bytes
    expect(result).toEqual({ ok: false, error: 'SyntaxError: The close reason must not be greater than 123 UTF-8 bytes (it is 124).' });
  });

  it('checks the code before the reason', () => {
    const result = validateClose('1001', 'x'.repeat(200));
    expect(result.ok || result.error).toMatch(/^InvalidAccessError/);
  });

  it('validates a reason given without a code (the browser closes with 1000)', () => {
    expect(validateClose('', 'bye')).toEqual({ ok: true, code: undefined, reason: 'bye' });
    expect(validateClose('', 'x'.repeat(124)).ok).toBe(false);
  });
});
