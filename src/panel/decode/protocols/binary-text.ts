/** Bytes that are readable text are shown as text; anything else stays bytes. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
// C0 controls other than tab, line feed and carriage return, DEL and the C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what make bytes unreadable as text
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The bytes as text when they are valid UTF-8 with no control characters, else undefined. */
export function printableText(bytes: Uint8Array): string | undefined {
  try {
    const text = utf8.decode(bytes);
    return UNPRINTABLE.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

/** A payload for the Decoded tab: its text when printable, else a copy of its bytes (never a view of the frame). */
export const payloadValue = (bytes: Uint8Array): string | Uint8Array => printableText(bytes) ?? new Uint8Array(bytes);

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const otherDir = (dir: 'send' | 'recv'): 'send' | 'recv' => (dir === 'send' ? 'recv' : 'send');

/** One frame may carry many packets or records, but past this many it is refused, not turned into a million rows. */
export const MAX_MESSAGES_PER_FRAME = 10_000;
