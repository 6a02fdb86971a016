import { describe, expect, it } from 'vitest';
import { hexDump, hexDumpLine } from '../../../src/panel/detail/hex';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('hex dump', () => {
  it('prints offset, two groups of eight bytes and the ASCII column', () => {
    const hello = new TextEncoder().encode('Hello, world!\n\u0000\u007f');
    expect(hexDumpLine(hello, 0)).toBe('00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 7f  |Hello, world!...|');
  });

  it('pads a short last line so the ASCII column stays aligned', () => {
    expect(hexDumpLine(bytes(0x41, 0xff), 0)).toBe(`00000000  41 ff ${' '.repeat(3 * 6)} ${' '.repeat(3 * 8)} |A.|`);
    expect(hexDumpLine(bytes(0x41, 0xff), 0)).toHaveLength(hexDumpLine(new Uint8Array(16), 0).length - 14);
  });

  it('numbers lines by offset in hex and honours the range', () => {
    const data = new Uint8Array(40).map((_, i) => i);
    const lines = hexDump(data).split('\n');
    expect(lines.map((l) => l.slice(0, 8))).toEqual(['00000000', '00000010', '00000020']);
    expect(lines[2]).toContain('20 21 22 23 24 25 26 27 ');
    expect(hexDump(data, 16, 32).split('\n')).toEqual([lines[1]]);
    expect(hexDump(new Uint8Array(0))).toBe('');
  });
});
