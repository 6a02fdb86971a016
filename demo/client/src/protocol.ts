// Frames sent by the demo server, and a light runtime check of what arrives.

export interface Member {
  userId: string;
  name: string;
}

export interface RoomSummary {
  roomId: string;
  members: number;
}

export interface ChatEntry extends Member {
  type: 'chat';
  id: number;
  roomId: string;
  text: string;
  ts: number;
}

export type ServerFrame =
  | ({ type: 'welcome'; rooms: RoomSummary[] } & Member)
  | ({ type: 'nameSet' } & Member)
  | { type: 'joined'; roomId: string; members: Member[]; history: ChatEntry[] }
  | { type: 'left'; roomId: string }
  | ({ type: 'userJoined' | 'userLeft'; roomId: string } & Member)
  | ({ type: 'userRenamed'; roomId: string; oldName: string } & Member)
  | { type: 'roomList'; rooms: RoomSummary[] }
  | ChatEntry
  | ({ type: 'broadcast'; id: number; text: string; ts: number } & Member)
  | ({ type: 'typing'; roomId: string; typing: boolean } & Member)
  | ({ type: 'binary'; size: number; rooms: string[] } & Member)
  | { type: 'response'; requestId: string; data: unknown }
  | { type: 'error'; error: string; requestId?: string };

const KNOWN = new Set<string>([
  'welcome',
  'nameSet',
  'joined',
  'left',
  'userJoined',
  'userLeft',
  'userRenamed',
  'roomList',
  'chat',
  'broadcast',
  'typing',
  'binary',
  'response',
  'error',
]);

const ARRAY_FIELDS: Partial<Record<string, string[]>> = {
  welcome: ['rooms'],
  joined: ['members', 'history'],
  roomList: ['rooms'],
  binary: ['rooms'],
};

/** Return the value as a ServerFrame if it has a known type and the arrays it needs, else null. */
export function asServerFrame(value: unknown): ServerFrame | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.type !== 'string' || !KNOWN.has(record.type)) return null;
  for (const field of ARRAY_FIELDS[record.type] ?? []) {
    if (!Array.isArray(record[field])) return null;
  }
  return value as ServerFrame;
}
