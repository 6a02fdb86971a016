/**
 * What the message rules share across the windows of one page (see family.ts): the compiled list, the
 * number of frames waiting anywhere (with `rules`, the hooks' one cheap test), the open holds, and the
 * flag that lets our own re-dispatched events through our listeners.
 */
import type { HoldOutcome, RuleEffect } from '../../shared/message-rules';
import type { Natives } from '../natives';
import type { CompiledRule } from './compile';
import type { Lane, LaneHost } from './lane';

/** A held frame, as commands reach it: its socket, and how to let it go on. */
export interface OpenHold {
  socket: number;
  answer(outcome: HoldOutcome, data?: string | ArrayBuffer): void;
}

/** One socket's two lines, made the first time a rule looks at it. */
export interface SocketLanes {
  id: number;
  url: string;
  send: Lane;
  recv: Lane;
  host: LaneHost;
}

export interface RuleState {
  /** null when no rule is on: the hooks then take their old path unchanged. */
  rules: CompiledRule[] | null;
  /** Frames waiting in every lane of every socket. */
  waiting: number;
  /** Our own re-dispatch is under way: the next event our listener sees is it, with this effect. */
  passing: boolean;
  fx: RuleEffect | undefined;
  lastHold: number;
  holds: Record<number, OpenHold>;
  lanes: WeakMap<object, SocketLanes>;
  /** The last error reported per rule and socket: the same error on every frame is reported once. */
  lastError: Record<string, string>;
  /** Keys in lastError: past LIMITS.messageRules × 100 it starts afresh (a page may open sockets for hours). */
  errorKeys: number;
}

export function createRuleState(n: Natives): RuleState {
  return {
    rules: null,
    waiting: 0,
    passing: false,
    fx: undefined,
    lastHold: 0,
    holds: n.create(null) as RuleState['holds'],
    lanes: new n.WeakMap<object, SocketLanes>(),
    lastError: n.create(null) as RuleState['lastError'],
    errorKeys: 0,
  };
}
