/** Payloads and URLs written to break out of a generated script, and a plan that carries them. */
import type { CapturedSend, ReplaySource } from '../../../src/panel/copy-as-code/replay-plan';
import { bytesToBase64 } from '../../../src/shared/codec';

/** Each tries a different way out of a string literal, a comment, an HTML script or a shell word. */
export const HOSTILE_TEXTS = [
  'plain',
  'double " quote',
  "single ' quote",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the attack under test
  'backtick ` and ${globalThis.pwned = 1}',
  '"); globalThis.pwned = 1; ("',
  "'; globalThis.pwned = 1; '",
  '</script><script>globalThis.pwned = 1</script><!--',
  'new\nline, return\r, tab\t',
  'line separators \u2028 and \u2029',
  'lone high \ud800 surrogate',
  'lone low \udc00 surrogate',
  'pair 😀 and é',
  'back\\slash \\u0041 \\x41 \\',
  '*/ globalThis.pwned = 1; /*',
  '$(touch PWNED) `touch PWNED` ; touch PWNED && touch PWNED | touch PWNED',
  "'\\'' ; touch PWNED ; echo '",
  '-n',
  '%s %n %d \\000',
  'delete \x7f and escape \x1b[31m',
  '',
];

export const NUL_TEXT = 'a NUL \0 inside';

// biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the attack under test
export const HOSTILE_URL = 'ws://127.0.0.1:1/p?q="\'`${globalThis.pwned=1}$(touch PWNED)</script>\u2028#\n';

export const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

/** The hostile texts, a NUL text and every byte value, sent 5 ms apart from t = 1000, on a connection opened at t = 990. */
export function hostileSource(marker = 'PWNED'): ReplaySource {
  const texts = HOSTILE_TEXTS.map((text) => text.replaceAll('PWNED', marker));
  const sends: CapturedSend[] = [
    ...texts.map((text, i) => ({ t: 1000 + 5 * i, body: { text }, trimmed: false })),
    { t: 1000 + 5 * texts.length, body: { text: NUL_TEXT }, trimmed: false },
    { t: 1005 + 5 * texts.length, body: { base64: bytesToBase64(ALL_BYTES) }, trimmed: false },
  ];
  return {
    ordinal: 7,
    url: HOSTILE_URL.replaceAll('PWNED', marker),
    protocols: ['chat', 'v\'2"`$(touch PWNED)'.replaceAll('PWNED', marker)],
    startedAt: 990,
    sends,
  };
}
