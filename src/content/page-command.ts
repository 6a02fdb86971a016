/**
 * The relay's hop between the two protocols: a panel command (JSON, binary as base64) becomes a page
 * command (structured clone, binary as an ArrayBuffer the hook sends as is, transferred).
 */
import { base64ToBytes } from '../shared/codec';
import type { PageCommand } from '../shared/page-link';
import type { PanelCommand } from '../shared/protocol';

/** The page command, or why there is none (the base64 does not decode). */
export function toPageCommand(command: PanelCommand): PageCommand | string {
  if (command.c === 'close' || command.c === 'drop') return command;
  if (command.c === 'hold') {
    const { id, hold, decision } = command;
    if (decision !== 'edited') return { c: 'hold', id, hold, decision };
    const data = dataOf(command);
    return typeof data === 'string' ? data : { c: 'hold', id, hold, decision, data: data.value };
  }
  const data = dataOf(command);
  if (typeof data === 'string') return data;
  if (command.c === 'send' && command.from) return { c: 'send', id: command.id, data: data.value, from: command.from };
  return { c: command.c, id: command.id, data: data.value };
}

const NOT_BASE64 = 'the binary payload is not valid base64';

function dataOf(command: { text?: string; base64?: string }): { value: string | ArrayBuffer } | string {
  if (command.text !== undefined) return { value: command.text };
  const bytes = base64ToBytes(command.base64 ?? '');
  return bytes ? { value: bytes.buffer as ArrayBuffer } : NOT_BASE64;
}
