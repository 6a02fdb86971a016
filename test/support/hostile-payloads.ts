/**
 * The hostile set of the robustness suite: text frames made to run, render or break something if the
 * panel ever treated them as markup, the page that sends them (with a hostile URL and close reason)
 * through the echo endpoint, and where each lands in the timeline with its exact size.
 */

/**
 * The hostile text frames. Shared verbatim by the page (inlined as source) and by the checks in the
 * panel and in Node, so that strings with lone surrogates never cross a JSON boundary in the test.
 */
export const hostilePayloads = (): string[] => [
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '<script>window.__pwned=2;alert(2)</script>',
  '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=3;alert(3)"><circle r="1"/></svg>',
  'javascript:window.__pwned=4;alert(4)',
  '</pre></style><style>*{display:none!important}</style>"}*{display:none}</textarea><b>\'; } body { background: url(javascript:alert(5)) }',
  'user\u202Egnp.exe \u200B\u200C\u200D\u2060\uFEFF end',
  JSON.stringify({
    '<img src=x onerror=alert(6)>': '<script>alert(7)</script>',
    href: 'javascript:alert(8)',
    css: '</style><style>*{color:red}',
  }),
  '{"big":123456789012345678901234567890,"tiny":1e-400,"huge":-1e400,"exact":0.1000000000000000055511151231257827}',
  'lone \uD800 high, lone \uDC00 low, swapped \uDC00\uD800 end',
  `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
];
export const CLOSE_REASON = '<img src=x onerror="alert(10)">\u202Eevil';
export const BINARY_TEXT = '<script>alert(9)</script>';
/** The binary frame: markup bytes, then a NUL, 0xff, '.', and a byte that is never valid UTF-8 on its own. */
export const binaryPayload = (): Buffer => Buffer.concat([Buffer.from(BINARY_TEXT), Buffer.from([0, 255, 0x2e, 0x80])]);
/** Names each payload for failure messages. */
export const NAMES = [
  'img',
  'script',
  'svg',
  'javascript:',
  'css',
  'bidi',
  'json-html',
  'json-numbers',
  'surrogates',
  'deep-array',
  'deep-object',
];

/** An inline script's text, with every "</" written "<\/" so that "</script>" in a string cannot end the element. */
const inline = (js: string) => js.replaceAll('</', '<\\/');

/** Opens a socket with a hostile URL, sends every payload and the binary frame, and closes with a hostile reason once all echoed. */
export function hostilePage(wsOrigin: string): string {
  return `<!doctype html><html><head><script>${inline(`
  const P = (${hostilePayloads.toString()})();
  const ws = new WebSocket('${wsOrigin}/echo?q=<img src=x onerror=window.__pwned=1>&x="><script>alert(11)</script>&j=javascript:alert(12)');
  window.__url = ws.url;
  ws.binaryType = 'arraybuffer';
  let seen = 0;
  ws.onopen = () => {
    for (const p of P) ws.send(p);
    ws.send(new Uint8Array([...new TextEncoder().encode(${JSON.stringify(BINARY_TEXT)}), 0, 255, 0x2e, 0x80]));
  };
  ws.onmessage = () => { if (++seen === P.length + 1) ws.close(4000, ${JSON.stringify(CLOSE_REASON)}); };
  ws.onclose = () => { window.__done = true; };
  `)}</script></head><body>hostile payloads</body></html>`;
}

/** What a socket sends for a string: lone surrogates become U+FFFD (String.prototype.toWellFormed, ES2024). */
export const wellFormed = (s: string): string => (s as unknown as { toWellFormed(): string }).toWellFormed();
/** A text frame's exact size on the wire. */
export const utf8 = (s: string) => Buffer.byteLength(wellFormed(s), 'utf8');
export const N = hostilePayloads().length;
/** create, open, N + 1 sends, N + 1 echoes, close() call, close. */
export const TOTAL = 2 + 2 * (N + 1) + 2;
export const sendRow = (i: number) => 2 + i;
export const recvRow = (i: number) => 2 + (N + 1) + i;
