// Test hooks that the demo pages expose on window: window.__demo (chat) and window.__flood (flood).
import type { ChatView } from './chat-view.ts';
import type { EventLog } from './panels.ts';
import type { ConnState, ResilientSocket } from './socket.ts';
import type { StatsSnapshot } from './stats.ts';

export interface DemoHandle {
  readonly state: ConnState;
  readonly retries: number;
  readonly totalRetries: number;
  readonly delays: number[];
  readonly queueSize: number;
  readonly userId: string;
  readonly activeRoom: string | null;
  readonly joinedRooms: string[];
  readonly log: string[];
  readonly errors: string[];
  stats(): StatsSnapshot;
}

export interface FloodProgress {
  config: { rate: number; size: number; kind: 'text' | 'binary'; sockets: number; count: number; target: string };
  state: 'idle' | 'connecting' | 'running' | 'done' | 'error';
  sent: number;
  received: number;
  bytesSent: number;
  bytesReceived: number;
  errors: number;
  done: boolean;
  startedAt: number | null;
  finishedAt: number | null;
  /** Received messages per second over the run so far. */
  msgsPerSec: number;
}

declare global {
  interface Window {
    __demo?: DemoHandle;
    __flood?: FloodProgress;
  }
}

export function createDemoHandle(socket: ResilientSocket, chat: ChatView, log: EventLog, errors: string[]): DemoHandle {
  return {
    get state() {
      return socket.state;
    },
    get retries() {
      return socket.retries;
    },
    get totalRetries() {
      return socket.totalRetries;
    },
    get delays() {
      return [...socket.delays];
    },
    get queueSize() {
      return socket.queueSize;
    },
    get userId() {
      return chat.userId;
    },
    get activeRoom() {
      return chat.active;
    },
    get joinedRooms() {
      return [...chat.joined];
    },
    get log() {
      return [...log.entries];
    },
    get errors() {
      return [...errors];
    },
    stats: () => socket.stats.snapshot(),
  };
}
