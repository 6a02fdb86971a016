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
  if (command.text !== undefined) return { c: command.c, id: command.id, data: command.text };
  const bytes = base64ToBytes(command.base64 ?? '');
  if (!bytes) return 'the binary payload is not valid base64';
  return { c: command.c, id: command.id, data: bytes.buffer as ArrayBuffer };
}
