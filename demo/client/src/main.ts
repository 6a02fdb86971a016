// The chat page: wires the resilient socket to the rooms, chat, requests and stats UI.
import { ChatView } from './chat-view.ts';
import { readConfig } from './config.ts';
import { byId, el } from './dom.ts';
import { createDemoHandle } from './hooks.ts';
import { buildStatsBox, EventLog, renderConnection, renderStats } from './panels.ts';
import { asServerFrame } from './protocol.ts';
import { requestRunner } from './requests.ts';
import { ResilientSocket } from './socket.ts';

const TYPING_IDLE_MS = 2000;
const BURST_SIZE = 20;

const config = readConfig(window.location);
const socket = new ResilientSocket({
  url: config.wsUrl,
  baseDelayMs: config.baseDelayMs,
  maxDelayMs: config.maxDelayMs,
  maxRetries: config.maxRetries,
  requestTimeoutMs: config.requestTimeoutMs,
});
const log = new EventLog();
const errors: string[] = [];
let name = config.name;

const chat = new ChatView({
  open: (roomId) => chat.setActive(roomId),
  leave: (roomId) => socket.send({ type: 'leaveRoom', roomId }),
});

function showError(message: string): void {
  errors.push(message);
  byId('last-error').textContent = message;
  byId('errors').append(el('li', `${new Date().toISOString().slice(11, 23)} ${message}`));
  log.add('error', message);
}

const refresh = () => {
  renderConnection(socket);
  renderStats(socket.stats.snapshot());
};

socket.on('state', (state) => log.add('event', `state ${state}`));
socket.on('retry', (attempt, delay) => log.add('event', `retry ${attempt}/${config.maxRetries} in ${delay} ms`));
socket.on('close', (code, reason) => log.add('event', `close ${code}${reason ? ` ${reason}` : ''}`));
socket.on('open', (reconnected) => {
  log.add('event', reconnected ? 'reopened' : 'open');
  // Before the offline queue is flushed: restore identity and rooms on the new connection.
  socket.send({ type: 'setName', name });
  for (const roomId of chat.joined) socket.send({ type: 'joinRoom', roomId });
});
socket.on('message', (message, raw) => {
  if (raw instanceof ArrayBuffer) {
    log.add('in', `binary ${raw.byteLength} bytes`);
    chat.handleBinary(raw);
    return;
  }
  log.add('in', raw.length > 300 ? `${raw.slice(0, 300)}…` : raw);
  const frame = asServerFrame(message);
  if (!frame) {
    showError('Unrecognised frame from server');
    return;
  }
  if (frame.type === 'error') {
    showError(String(frame.error));
    return;
  }
  chat.handle(frame);
});
for (const event of ['state', 'queue', 'retry', 'message', 'close'] as const) socket.on(event, refresh);
window.setInterval(refresh, 500);

// Connection controls.
byId('ws-url').textContent = config.wsUrl;
byId('connect-btn').addEventListener('click', () => socket.connect());
byId('disconnect-btn').addEventListener('click', () => socket.disconnect());
const nameInput = byId<HTMLInputElement>('name-input');
nameInput.value = name;
byId('name-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const next = nameInput.value.trim();
  if (!next) return;
  name = next.slice(0, 32);
  socket.send({ type: 'setName', name });
});

// Rooms.
const roomInput = byId<HTMLInputElement>('room-input');
byId('join-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const roomId = roomInput.value.trim();
  if (roomId) socket.send({ type: 'joinRoom', roomId });
});
byId('list-rooms-btn').addEventListener('click', () => socket.send({ type: 'listRooms' }));

// Chat, typing indicator, broadcast, burst and binary.
const messageInput = byId<HTMLInputElement>('message-input');
let typingRoom: string | null = null;
let typingTimer = 0;
const stopTyping = () => {
  window.clearTimeout(typingTimer);
  if (typingRoom !== null) socket.sendIfOpen({ type: 'typing', roomId: typingRoom, typing: false });
  typingRoom = null;
};
messageInput.addEventListener('input', () => {
  if (chat.active === null) return;
  if (typingRoom !== chat.active) {
    stopTyping();
    if (socket.sendIfOpen({ type: 'typing', roomId: chat.active, typing: true })) typingRoom = chat.active;
  }
  window.clearTimeout(typingTimer);
  typingTimer = window.setTimeout(stopTyping, TYPING_IDLE_MS);
});
byId('chat-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = messageInput.value.trim();
  if (!text) return;
  if (chat.active === null) {
    showError('Join a room first (or use Broadcast)');
    return;
  }
  stopTyping();
  socket.send({ type: 'sendToRoom', roomId: chat.active, text });
  messageInput.value = '';
  refresh();
});
byId('broadcast-btn').addEventListener('click', () => {
  const text = messageInput.value.trim();
  if (!text) return;
  stopTyping();
  socket.send({ type: 'broadcast', text });
  messageInput.value = '';
});
byId('burst-btn').addEventListener('click', () => {
  for (let i = 1; i <= BURST_SIZE; i++) {
    const text = `burst ${i}/${BURST_SIZE}`;
    socket.send(chat.active === null ? { type: 'broadcast', text } : { type: 'sendToRoom', roomId: chat.active, text });
  }
});
byId('binary-btn').addEventListener('click', () => {
  socket.send(Uint8Array.from({ length: 16 }, (_, i) => i * 17));
});
byId<HTMLInputElement>('file-input').addEventListener('change', async (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (!file) return;
  if (file.size > 512 * 1024) {
    showError('File too large (max 512 KiB)');
    return;
  }
  socket.send(await file.arrayBuffer());
});

// Requests with a response, and one the server never answers.
const runRequest = requestRunner(socket, showError, refresh);
byId('user-data-btn').addEventListener('click', () => runRequest('getUserData', { type: 'getUserData' }));
byId('no-reply-btn').addEventListener('click', () => runRequest('noReply', { type: 'noReply' }));

// Test hooks.
window.__demo = createDemoHandle(socket, chat, log, errors);

buildStatsBox();
refresh();
if (config.room) {
  roomInput.value = config.room;
  socket.send({ type: 'joinRoom', roomId: config.room });
}
if (config.autoConnect) socket.connect();
