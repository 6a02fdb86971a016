// Rooms, chat messages, the typing indicator and received binary frames.
import { appendCapped, byId, clock, el } from './dom.ts';
import type { ChatEntry, Member, RoomSummary, ServerFrame } from './protocol.ts';

const MESSAGES_MAX = 500;
const TYPING_EXPIRY_MS = 5000;

export class ChatView {
  userId = '';
  readonly joined = new Set<string>();
  active: string | null = null;
  private readonly seen = new Set<number>();
  private readonly typing = new Map<string, Map<string, { name: string; timer: number }>>();
  private readonly binaryHeaders: Member[] = [];

  constructor(private readonly actions: { open(roomId: string): void; leave(roomId: string): void }) {}

  /** Handle one frame; returns false when the frame is not for this view. */
  handle(frame: ServerFrame): boolean {
    switch (frame.type) {
      case 'welcome':
      case 'nameSet':
        this.userId = String(frame.userId);
        byId('user-id').textContent = `${frame.userId} (${frame.name})`;
        if (frame.type === 'welcome') this.renderRoomList(frame.rooms);
        return true;
      case 'joined':
        this.joined.add(frame.roomId);
        this.setActive(frame.roomId);
        for (const entry of frame.history) this.addChat(entry, true);
        this.notice(frame.roomId, `joined ${frame.roomId} (${frame.members.length} members)`);
        return true;
      case 'left':
        this.joined.delete(frame.roomId);
        this.typing.delete(frame.roomId);
        this.setActive(this.active === frame.roomId ? ([...this.joined].at(-1) ?? null) : this.active);
        this.notice(frame.roomId, `left ${frame.roomId}`);
        return true;
      case 'userJoined':
      case 'userLeft':
        this.setTyping(frame.roomId, frame.userId, frame.name, false);
        this.notice(frame.roomId, `${frame.name} ${frame.type === 'userJoined' ? 'joined' : 'left'} ${frame.roomId}`);
        return true;
      case 'userRenamed':
        this.notice(frame.roomId, `${frame.oldName} is now ${frame.name}`);
        return true;
      case 'roomList':
        this.renderRoomList(frame.rooms);
        return true;
      case 'chat':
        this.setTyping(frame.roomId, frame.userId, frame.name, false);
        this.addChat(frame, false);
        return true;
      case 'broadcast':
        this.addLine('broadcast', '*', `${frame.name} (to everyone): ${frame.text}`, frame.ts);
        return true;
      case 'typing':
        this.setTyping(frame.roomId, frame.userId, frame.name, frame.typing === true);
        return true;
      case 'binary':
        this.binaryHeaders.push({ userId: String(frame.userId), name: String(frame.name) });
        return true;
      default:
        return false;
    }
  }

  /** A binary frame arrives after its JSON header. */
  handleBinary(data: ArrayBuffer): void {
    const from = this.binaryHeaders.shift();
    const bytes = new Uint8Array(data);
    const preview = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    const who = from ? from.name : 'unknown';
    this.addLine('binary', '*', `${who} sent ${bytes.byteLength} bytes [${preview}${bytes.byteLength > 8 ? ' …' : ''}]`);
  }

  private addChat(entry: ChatEntry, fromHistory: boolean): void {
    if (this.seen.has(entry.id)) return;
    this.seen.add(entry.id);
    const item = this.addLine('chat', entry.roomId, `${entry.name}: ${entry.text}`, entry.ts);
    item.dataset.history = String(fromHistory);
    item.dataset.mine = String(entry.userId === this.userId);
  }

  private notice(roomId: string, text: string): void {
    this.addLine('system', roomId, text);
  }

  private addLine(kind: string, roomId: string, text: string, ts?: number): HTMLLIElement {
    const item = el('li', `${clock(ts)} [${roomId}] ${text}`, { 'data-kind': kind, 'data-room': roomId });
    appendCapped(byId('messages'), item, MESSAGES_MAX);
    return item;
  }

  setActive(roomId: string | null): void {
    this.active = roomId;
    byId('active-room').textContent = roomId ?? 'none';
    const list = byId('joined-rooms');
    list.replaceChildren(
      ...[...this.joined].map((room) => {
        const item = el('li', '', { 'data-room': room });
        if (room === roomId) item.setAttribute('aria-current', 'true');
        const open = el('button', room, { type: 'button', 'aria-label': `Open room ${room}` });
        open.addEventListener('click', () => this.actions.open(room));
        const leave = el('button', 'Leave', { type: 'button', 'aria-label': `Leave room ${room}` });
        leave.addEventListener('click', () => this.actions.leave(room));
        item.append(open, ' ', leave);
        return item;
      }),
    );
    this.renderTyping();
  }

  private renderRoomList(rooms: RoomSummary[]): void {
    byId('room-list').replaceChildren(
      ...rooms.map((room) => el('li', `${room.roomId} (${room.members})`, { 'data-room': String(room.roomId) })),
    );
  }

  private setTyping(roomId: string, userId: string, name: string, typing: boolean): void {
    let room = this.typing.get(roomId);
    const current = room?.get(userId);
    if (current) window.clearTimeout(current.timer);
    if (typing) {
      if (!room) {
        room = new Map();
        this.typing.set(roomId, room);
      }
      const timer = window.setTimeout(() => this.setTyping(roomId, userId, name, false), TYPING_EXPIRY_MS);
      room.set(userId, { name: String(name), timer });
    } else {
      room?.delete(userId);
    }
    this.renderTyping();
  }

  private renderTyping(): void {
    const names = [...(this.typing.get(this.active ?? '')?.values() ?? [])].map((t) => t.name);
    const text = names.length === 0 ? '' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
    const indicator = byId('typing');
    indicator.textContent = text;
    indicator.dataset.typing = names.join(',');
  }
}
