/** Hex dump lines in the familiar `hexdump -C` layout: offset, 16 bytes in two groups of 8, ASCII column. */

export const BYTES_PER_LINE = 16;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Printable ASCII stays as is; everything else (controls, DEL, high bytes) shows as a dot. */
const ASCII = Array.from({ length: 256 }, (_, i) => (i >= 0x20 && i < 0x7f ? String.fromCharCode(i) : '.'));

export function hexDumpLine(bytes: Uint8Array, offset: number): string {
  const end = Math.min(bytes.length, offset + BYTES_PER_LINE);
  let hex = '';
  let ascii = '';
  for (let i = offset; i < offset + BYTES_PER_LINE; i++) {
    if (i - offset === 8) hex += ' ';
    hex += i < end ? `${HEX[bytes[i]]} ` : '   ';
    if (i < end) ascii += ASCII[bytes[i]];
  }
  return `${offset.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`;
}

/** The dump of bytes [start, end), one line per 16 bytes; `start` should be a multiple of 16. */
export function hexDump(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const stop = Math.min(end, bytes.length);
  const lines: string[] = [];
  for (let offset = start; offset < stop; offset += BYTES_PER_LINE) lines.push(hexDumpLine(bytes.subarray(0, stop), offset));
  return lines.join('\n');
}
