/**
 * A held message as the bar edits it, and the `hold` command that answers it. Text frames are edited as
 * text; binary frames as hex (the composer's hex format: spaces, commas and 0x are allowed), sent as base64.
 * A frame whose whole body did not reach the panel (cut at capture, or the page no longer has it) can be
 * forwarded or dropped but not edited: an edit of its first part would send a truncated message.
 */
import { base64ToBytes, bytesToHex } from '../../shared/codec';
import type { HoldDecision } from '../../shared/message-rules';
import type { PayloadBody, ToRelay } from '../../shared/protocol';
import { parsePayload } from '../actions/payload-format';
import { bodyByteLength } from '../detail/payload';
import type { HeldMessage } from './hold-book';

export interface HeldText {
  /** The text to show and edit: the frame's text, or its bytes as hex. */
  text: string;
  /** Set when this is not the whole frame, and so may not be edited: why. */
  partial: string | null;
}

const asShown = (body: { text: string } | { base64: string }) =>
  'text' in body ? body.text : bytesToHex(base64ToBytes(body.base64) ?? new Uint8Array());

const previewBody = (held: HeldMessage) => (held.binary ? { base64: held.preview } : { text: held.preview });

/** The held frame's whole text from its summary, when the summary holds all of it. */
export function textFromSummary(held: HeldMessage): HeldText | null {
  return held.complete ? { text: asShown(previewBody(held)), partial: null } : null;
}

/** The held frame's text from the body the relay answered with (getPayload). */
export function textFromBody(held: HeldMessage, body: PayloadBody): HeldText {
  if ('missing' in body) {
    return { text: asShown(previewBody(held)), partial: `Only its first part reached the panel (${body.missing}).` };
  }
  if (bodyByteLength(body) < held.size) return { text: asShown(body), partial: 'Only its first part was captured.' };
  return { text: asShown(body), partial: null };
}

export type HoldAnswer = { ok: true; message: ToRelay } | { ok: false; error: string };

/** The command for `decision`; `edited` is the edited text (text, or hex for a binary frame). */
export function holdAnswer(held: HeldMessage, decision: HoldDecision, edited?: string): HoldAnswer {
  const base = { c: 'hold', id: held.conn, hold: held.hold, decision } as const;
  if (decision !== 'edited') return { ok: true, message: { type: 'command', frame: held.frame, command: base } };
  const parsed = parsePayload(edited ?? '', held.binary ? 'hex' : 'text');
  if (!parsed.ok) return parsed;
  return { ok: true, message: { type: 'command', frame: held.frame, command: { ...base, ...parsed.body } } };
}
