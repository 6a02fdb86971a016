/**
 * STOMP 1.2 frames as the specification writes them (https://stomp.github.io/stomp-specification-1.2.html):
 * COMMAND EOL, header lines `name:value` (escaped, except in CONNECT and CONNECTED), an empty line, the body,
 * then NUL. EOLs may be CRLF; bare EOLs between frames are heart-beats.
 */
export interface StompFrame {
  command: string;
  /** In order; a repeated header keeps its first value, as the specification says. */
  headers: [string, string][];
  body: string;
}

const UNESCAPED_COMMANDS = new Set(['CONNECT', 'CONNECTED']);
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\r': '\\r', '\n': '\\n', ':': '\\c' };
const UNESCAPES: Record<string, string> = { '\\\\': '\\', '\\r': '\r', '\\n': '\n', '\\c': ':' };

const escapeHeader = (text: string) => text.replace(/[\\\r\n:]/g, (c) => ESCAPES[c]);

function unescapeHeader(text: string): string {
  return text.replace(/\\./g, (sequence) => {
    const plain = UNESCAPES[sequence];
    if (plain === undefined) throw new Error(`undefined escape sequence ${sequence}`);
    return plain;
  });
}

export function header(frame: StompFrame, name: string): string | undefined {
  return frame.headers.find(([n]) => n === name)?.[1];
}

export function serializeFrame(command: string, headers: [string, string][], body = ''): string {
  const plain = UNESCAPED_COMMANDS.has(command);
  const lines = headers.map(([name, value]) => (plain ? `${name}:${value}` : `${escapeHeader(name)}:${escapeHeader(value)}`));
  if (body) lines.push(`content-length:${new TextEncoder().encode(body).length}`);
  return `${command}\n${lines.map((l) => `${l}\n`).join('')}\n${body}\0`;
}

/**
 * The frames in one WebSocket message (a message may carry several, or only heart-beat EOLs).
 * Throws on a malformed frame, with the reason an ERROR frame can carry.
 */
export function parseFrames(text: string): StompFrame[] {
  const frames: StompFrame[] = [];
  let rest = text;
  for (;;) {
    rest = rest.replace(/^(\r?\n)+/, ''); // heart-beats
    if (!rest) return frames;
    const [frame, consumed] = parseOne(rest);
    frames.push(frame);
    rest = rest.slice(consumed);
  }
}

function parseOne(text: string): [StompFrame, number] {
  const blankLine = /\r?\n\r?\n/.exec(text);
  if (!blankLine) throw new Error('frame without the empty line that ends its headers');
  const [command, ...lines] = text.slice(0, blankLine.index).split(/\r?\n/);
  if (!/^[A-Z]+$/.test(command)) throw new Error(`not a command: ${JSON.stringify(command.slice(0, 40))}`);
  const plain = UNESCAPED_COMMANDS.has(command);
  const headers: [string, string][] = lines.map((line) => {
    const colon = line.indexOf(':');
    if (colon < 1) throw new Error(`malformed header line: ${JSON.stringify(line.slice(0, 40))}`);
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1);
    return plain ? [name, value] : [unescapeHeader(name), unescapeHeader(value)];
  });
  const bodyStart = blankLine.index + blankLine[0].length;
  const frame: StompFrame = { command, headers, body: '' };
  const length = header(frame, 'content-length');
  if (length !== undefined) {
    const bytes = new TextEncoder().encode(text.slice(bodyStart));
    const size = Number(length);
    if (!Number.isInteger(size) || size < 0 || size >= bytes.length || bytes[size] !== 0) {
      throw new Error(`content-length ${length} does not match a NUL-terminated body`);
    }
    frame.body = new TextDecoder().decode(bytes.subarray(0, size));
    return [frame, bodyStart + frame.body.length + 1];
  }
  const nul = text.indexOf('\0', bodyStart);
  if (nul < 0) throw new Error('frame without its terminating NUL');
  frame.body = text.slice(bodyStart, nul);
  return [frame, nul + 1];
}
