import { describe, expect, it } from 'vitest';
import { header, parseFrames, serializeFrame } from '../../support/protocols/stomp-frames';

describe('STOMP 1.2 frames (the fixture broker)', () => {
  it('writes a frame with escaped headers and a content-length, and reads it back', () => {
    const text = serializeFrame('MESSAGE', [['note', 'a:b\nc\\d']], 'héllo');
    expect(text).toBe('MESSAGE\nnote:a\\cb\\nc\\\\d\ncontent-length:6\n\nhéllo\0');
    expect(parseFrames(text)).toEqual([
      {
        command: 'MESSAGE',
        headers: [
          ['note', 'a:b\nc\\d'],
          ['content-length', '6'],
        ],
        body: 'héllo',
      },
    ]);
  });

  it('leaves CONNECT and CONNECTED headers unescaped, as the specification says', () => {
    expect(serializeFrame('CONNECTED', [['server', 'x:1']])).toBe('CONNECTED\nserver:x:1\n\n\0');
    expect(parseFrames('CONNECT\nlogin:a\\cb\n\n\0')[0].headers).toEqual([['login', 'a\\cb']]);
  });

  it('reads several frames, CRLF line ends and heart-beat EOLs in one message', () => {
    const frames = parseFrames('\n\r\nSEND\r\ndestination:/q\r\n\r\none\0\nRECEIPT\nreceipt-id:7\n\n\0\n');
    expect(frames.map((f) => [f.command, f.headers, f.body])).toEqual([
      ['SEND', [['destination', '/q']], 'one'],
      ['RECEIPT', [['receipt-id', '7']], ''],
    ]);
    expect(parseFrames('\n\n')).toEqual([]);
  });

  it('takes a body with NUL octets from its content-length', () => {
    const [frame] = parseFrames('SEND\ndestination:/q\ncontent-length:3\n\na\0b\0');
    expect(frame.body).toBe('a\0b');
  });

  it('keeps the first of a repeated header', () => {
    const [frame] = parseFrames('MESSAGE\nfoo:World\nfoo:Hello\n\n\0');
    expect(header(frame, 'foo')).toBe('World');
    expect(header(frame, 'bar')).toBeUndefined();
  });

  it.each([
    ['no empty line after the headers', 'SEND\ndestination:/q\0', /empty line/],
    ['no terminating NUL', 'SEND\ndestination:/q\n\nbody', /terminating NUL/],
    ['an undefined escape', 'SEND\ndestination:\\t\n\n\0', /undefined escape sequence \\t/],
    ['a lower-case command', 'send\n\n\0', /not a command/],
    ['a header line without a colon', 'SEND\ndestination\n\n\0', /malformed header line/],
    ['a content-length longer than the body', 'SEND\ncontent-length:9\n\nab\0', /content-length 9/],
  ])('refuses a frame with %s', (_name, text, reason) => {
    expect(() => parseFrames(text)).toThrow(reason);
  });
});
