/** Test helpers: decode one frame and get its messages (failing loudly when it did not decode), or its error. */
import { expect } from 'vitest';
import type { DecodedMessage, Decoder, Frame } from '../../../src/panel/decode/types';

export const sent = (text: string): Frame => ({ dir: 'send', text, complete: true });
export const received = (text: string): Frame => ({ dir: 'recv', text, complete: true });
/** The timeline's preview: the first 1,024 characters of a longer text. */
export const preview = (dir: Frame['dir'], text: string): Frame => ({ dir, text: text.slice(0, 1024), complete: false });

export function messagesOf(decoder: Decoder, frame: Frame): DecodedMessage[] {
  const result = decoder.decode(frame, {});
  if (!result.ok) throw new Error(`expected ${decoder.id} to decode ${JSON.stringify(frame.text)}, got: ${result.error}`);
  expect(result.protocol).toBe(decoder.id);
  return result.messages;
}

export function only(decoder: Decoder, frame: Frame): DecodedMessage {
  const messages = messagesOf(decoder, frame);
  expect(messages).toHaveLength(1);
  return messages[0];
}

export function errorOf(decoder: Decoder, frame: Frame): string {
  const result = decoder.decode(frame, {});
  if (result.ok)
    throw new Error(
      `expected ${decoder.id} to reject ${JSON.stringify(frame.text)}, got: ${result.messages.map((m) => m.summary).join(' | ')}`,
    );
  return result.error;
}

export const summaries = (decoder: Decoder, frame: Frame) => messagesOf(decoder, frame).map((message) => message.summary);

/**
 * A built text as one flat string: V8 keeps `${a}${b}` as a rope and flattens it (copying it whole) on first
 * read, which would be charged to the decoder under test. Captured payloads arrive flat.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** Decodes and reports how long it took, for the caps on huge input. */
export function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}
