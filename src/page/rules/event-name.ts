/**
 * The event name of a text frame, for `event` conditions: a Socket.IO event (`42["name",…]`,
 * `42/chat,["name",…]`, with an ack id `4217["name",…]`, or binary `451-["name",…]`), else the JSON field
 * `event` or `type` of an object frame. The Socket.IO name is read alone, without parsing the whole frame.
 * Page-world code: no string method is called.
 */
import type { JsonOps } from '../../shared/json-ops';

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** The first JSON string of a Socket.IO event packet, or null when `text` is not one. */
function socketIoName(ops: JsonOps, text: string): string | null {
  if (text[0] !== '4' || (text[1] !== '2' && text[1] !== '5')) return null;
  let i = 2;
  if (text[1] === '5') {
    while (isDigit(text[i])) i++;
    if (text[i++] !== '-') return null;
  }
  if (text[i] === '/') {
    while (i < text.length && text[i] !== ',') i++;
    i++;
  }
  while (isDigit(text[i])) i++;
  if (text[i] !== '[' || text[i + 1] !== '"') return null;
  let quoted = '"';
  for (let j = i + 2; j < text.length; j++) {
    const c = text[j];
    quoted += c;
    if (c === '\\') quoted += text[++j] ?? '';
    else if (c === '"') {
      try {
        const name = ops.parse(quoted);
        return typeof name === 'string' ? name : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The frame's event name, or null. `json` gives the parsed frame (parsed once for all the rules). */
export function eventNameOf(ops: JsonOps, text: string, json: () => { value: unknown } | null): string | null {
  const io = socketIoName(ops, text);
  if (io !== null) return io;
  const parsed = json();
  const value = parsed?.value;
  if (typeof value !== 'object' || value === null || ops.isArray(value)) return null;
  // Two reads, not a loop over a list: for…of would run the page's Array.prototype iterator.
  const event = ops.has(value, 'event') ? (value as { event: unknown }).event : undefined;
  if (typeof event === 'string') return event;
  const type = ops.has(value, 'type') ? (value as { type: unknown }).type : undefined;
  return typeof type === 'string' ? type : null;
}
