/** Turns editor text into a send or receive command, and says what happened in a status line. */
import type { ResentFrom } from '../../shared/message-rules';
import type { PanelCommand } from '../../shared/protocol';
import { type PayloadFormat, parsePayload } from './payload-format';

export type Direction = 'send' | 'receive';

export type Delivery = { ok: true; status: string } | { ok: false; error: string };

export function deliver(
  post: (command: PanelCommand) => void,
  id: number,
  direction: Direction,
  text: string,
  format: PayloadFormat,
  /** The captured row a send was made from ("Send again", "Edit and send"): its row links back to it. */
  from?: ResentFrom,
): Delivery {
  const parsed = parsePayload(text, format);
  if (!parsed.ok) return parsed;
  post(direction === 'send' && from ? { c: 'send', id, ...parsed.body, from } : { c: direction, id, ...parsed.body });
  const size = `${parsed.bytes} byte${parsed.bytes === 1 ? '' : 's'}`;
  return { ok: true, status: direction === 'send' ? `Sent ${size}` : `Injected ${size} as received` };
}
