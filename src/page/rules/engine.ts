/**
 * Message rules at the two places a frame passes: the send proxy (before the bytes leave) and our message
 * listener, which runs before every page listener (before the page sees the frame). A frame that a rule
 * touches, or that arrives while its direction's line is not empty, is taken: a send is not passed to the
 * native send now; a receive is stopped (stopImmediatePropagation) and dispatched again later as a
 * MessageEvent made with the saved constructor, with the socket's origin and the data the page would have
 * had. Each frame is recorded when it actually goes, with its effect. Nothing here throws into the page.
 */
import { LIMITS } from '../../shared/limits';
import type { HoldOutcome, RuleEffect } from '../../shared/message-rules';
import type { Direction } from '../../shared/page-link';
import { encode } from '../../shared/page-tuples';
import { originOf, payloadFor } from '../commands';
import { describeError } from '../errors';
import type { Recorder } from '../method-proxies';
import { copyPayload } from './copy-payload';
import { effectOf, preview } from './effect';
import { enqueue, type LaneHost, type LaneItem, newItem, newLane, pump } from './lane';
import { decide, frameView } from './match';
import { pageJsonOps } from './page-json';
import { emptyPlan, type Plan, planFrame } from './plan';
import type { RuleState, SocketLanes } from './state';

const OPEN = 1;

export interface RuleHooks {
  /** True when the rules took the send (it goes later, changed, or not at all). */
  onSend(socket: WebSocket, id: number, data: unknown): boolean;
  /** True when the rules stopped this message event (it is delivered later, changed, or not at all). */
  onMessage(socket: WebSocket, id: number, event: Event): boolean;
  /** True when a close or error event was stopped to wait behind the receives that wait. */
  onLifecycle(socket: WebSocket, event: Event): boolean;
  /** True when the page's close() waits behind the sends that wait. */
  onCloseCall(socket: WebSocket, id: number, args: unknown[]): boolean;
}

/** What a held frame's answer says: how it went on, and the edited data. */
interface Answer {
  outcome: HoldOutcome | null;
  data: string | ArrayBuffer | undefined;
}

export function createRuleHooks(r: Recorder, state: RuleState): RuleHooks {
  const { n, channel, snap, recordPayload, time, fault } = r;
  const ops = pageJsonOps(n);

  const reportError = (rule: number, socket: number, error: string) => {
    const key = `${rule}:${socket}`;
    const last = state.lastError[key];
    if (last === error) return;
    if (last === undefined && ++state.errorKeys > LIMITS.messageRules * 100) {
      state.lastError = n.create(null) as RuleState['lastError'];
      state.errorKeys = 1;
    }
    state.lastError[key] = error;
    channel.push(encode['rule-error'](socket, time(), rule, n.apply(n.stringSlice, error, [0, LIMITS.shortText]) as string));
  };

  const lanesOf = (socket: WebSocket, id: number): SocketLanes => {
    let lanes = n.apply(n.weakGet, state.lanes, [socket]) as SocketLanes | undefined;
    if (lanes) return lanes;
    const host: LaneHost = {
      now: n.now,
      setTimer: (run, ms) => n.apply(n.setTimeout, n.win, [run, ms]),
      clearTimer: (timer) => n.apply(n.clearTimeout, n.win, [timer]),
      waiting: (delta) => {
        state.waiting += delta;
      },
      overflow: (item) => reportError(item.rule, id, `more than ${LIMITS.ruleQueue} messages waited: the oldest went early`),
      fault: (error) => fault('rules', error),
    };
    lanes = { id, url: n.apply(n.wsUrl, socket, []) as string, send: newLane(), recv: newLane(), host };
    n.apply(n.weakSet, state.lanes, [socket, lanes]);
    return lanes;
  };

  /** The plan for a frame, or null when nothing applies to it and nothing waits before it. */
  const planFor = (lanes: SocketLanes, dir: Direction, data: unknown): Plan | null => {
    const lane = lanes[dir];
    const frame = frameView(typeof data === 'string' ? data : null);
    const rules = state.rules;
    const decision = rules ? decide(n, ops, rules, lanes.url, dir, frame) : null;
    if (decision === null) return lane.first === null ? null : emptyPlan();
    const plan = planFrame(n, ops, decision, frame, (rule, error) => reportError(rule, lanes.id, error));
    if (plan.kind === null && lane.first === null) return null; // every rule failed: the frame goes as it was
    return plan;
  };

  /** Opens a hold: the panel hears of it, and `answer` is how a command lets it go on. */
  const openHold = (lanes: SocketLanes, dir: Direction, plan: Plan, data: unknown, answer: Answer, item: () => LaneItem) => {
    const hold = ++state.lastHold;
    const s = snap(data);
    if (s) channel.push(encode.held(lanes.id, time(), s.data, dir, hold, plan.rule, undefined, undefined), s.transfer, s.arena);
    state.holds[hold] = {
      socket: lanes.id,
      answer(outcome, edited) {
        answer.outcome = outcome;
        answer.data = edited;
        item().held = false;
        pump(lanes.host, lanes[dir]);
      },
    };
    return hold;
  };

  /** What a frame is when it goes: dropped or not, its data, and its effect. */
  const settle = (plan: Plan, hold: number, answer: Answer, data: unknown, waited: number) => {
    if (hold === 0) {
      const original = plan.kind === 'rewritten' ? preview(n, data) : undefined;
      return { drop: plan.drop, data: plan.text ?? data, edited: false, fx: effectOf(plan.rule, plan.kind, waited, original) };
    }
    delete state.holds[hold];
    const outcome = answer.outcome ?? 'released';
    const edited = outcome === 'edited' && answer.data !== undefined;
    const fx = effectOf(plan.rule, 'held', waited, edited ? preview(n, data) : undefined, { hold, outcome });
    return { drop: outcome === 'dropped', data: edited ? answer.data : data, edited, fx };
  };

  const record = (id: number, dir: Direction, data: unknown, fx: RuleEffect | undefined, failure?: string) =>
    recordPayload(id, dir, snap(data), failure, undefined, fx);

  /**
   * Dispatches a receive as the page would have had it; our listener records it, with `fx`, as it passes. The
   * native data is handed on as it is (the browser made it as binaryType said when it arrived); only bytes from
   * the user's edit are made what binaryType says now.
   */
  const deliver = (socket: WebSocket, data: unknown, edited: boolean, origin: string, fx: RuleEffect | undefined) => {
    const init = { __proto__: null, data: edited ? payloadFor(n, socket, data as string | ArrayBuffer) : data, origin, lastEventId: '' };
    const event = new n.MessageEvent('message', init as MessageEventInit);
    state.passing = true;
    state.fx = fx;
    try {
      n.apply(n.dispatchEvent, socket, [event]);
    } finally {
      state.passing = false;
      state.fx = undefined;
    }
  };

  const sendNow = (socket: WebSocket, id: number, data: unknown, fx: RuleEffect | undefined) => {
    const before = n.apply(n.wsReadyState, socket, []) as number;
    try {
      n.apply(n.send, socket, [data]);
    } catch (error) {
      record(id, 'send', data, undefined, describeError(n, error));
      return;
    }
    record(id, 'send', data, fx, before > OPEN ? 'discarded: the socket closed while the message waited' : undefined);
  };

  const mockReply = (socket: WebSocket, lanes: SocketLanes, plan: Plan) => {
    const reply = plan.mock as string;
    const origin = originOf(n, lanes.url);
    const go = (waited: number) => {
      if (n.apply(n.wsReadyState, socket, []) !== OPEN) reportError(plan.rule, lanes.id, 'the socket closed before the mock reply was due');
      else deliver(socket, reply, false, origin, effectOf(plan.rule, 'mock-reply', waited));
    };
    enqueue(lanes.host, lanes.recv, newItem(n.now(), plan.mockMs, 0, false, plan.rule, go));
  };

  const take = (lanes: SocketLanes, dir: Direction, plan: Plan, data: unknown, go: (frame: ReturnType<typeof settle>) => void) => {
    const answer: Answer = { outcome: null, data: undefined };
    let item: LaneItem | null = null;
    const hold = plan.hold ? openHold(lanes, dir, plan, data, answer, () => item as LaneItem) : 0;
    item = newItem(n.now(), plan.wait, plan.spacing, plan.hold, plan.rule, (waited) => go(settle(plan, hold, answer, data, waited)));
    enqueue(lanes.host, lanes[dir], item);
  };

  return {
    onSend(socket, id, data) {
      const lanes = lanesOf(socket, id);
      const plan = planFor(lanes, 'send', data);
      if (plan === null) return false;
      const own = copyPayload(n, data); // the page may change its buffer while the frame waits
      if (own === null) return false;
      take(lanes, 'send', plan, own, (frame) => {
        if (frame.drop) record(id, 'send', frame.data, frame.fx);
        else if (plan.mock !== null) {
          record(id, 'send', frame.data, effectOf(plan.rule, 'mocked', 0));
          mockReply(socket, lanes, plan);
        } else sendNow(socket, id, frame.data, frame.fx);
      });
      return true;
    },

    onMessage(socket, id, event) {
      const data = n.apply(n.messageData, event, []);
      const lanes = lanesOf(socket, id);
      const plan = planFor(lanes, 'recv', data);
      if (plan === null) return false;
      n.apply(n.stopImmediatePropagation, event, []);
      const origin = n.apply(n.messageOrigin, event, []);
      take(lanes, 'recv', plan, data, (frame) => {
        if (frame.drop) record(id, 'recv', frame.data, frame.fx);
        else deliver(socket, frame.data, frame.edited, origin, frame.fx);
      });
      return true;
    },

    onLifecycle(socket, event) {
      const lanes = n.apply(n.weakGet, state.lanes, [socket]) as SocketLanes | undefined;
      if (!lanes || lanes.recv.first === null) return false;
      n.apply(n.stopImmediatePropagation, event, []);
      const isClose = n.apply(n.eventType, event, []) === 'close';
      const copy = isClose
        ? new n.CloseEvent('close', {
            __proto__: null,
            code: n.apply(n.closeCode, event, []),
            reason: n.apply(n.closeReason, event, []),
            wasClean: n.apply(n.closeWasClean, event, []),
          } as CloseEventInit)
        : new n.Event('error');
      const again = () => {
        state.passing = true;
        try {
          n.apply(n.dispatchEvent, socket, [copy]);
        } finally {
          state.passing = false;
        }
      };
      enqueue(lanes.host, lanes.recv, newItem(n.now(), 0, 0, false, 0, again));
      return true;
    },

    onCloseCall(socket, id, args) {
      const lanes = n.apply(n.weakGet, state.lanes, [socket]) as SocketLanes | undefined;
      if (!lanes || lanes.send.first === null || !closeWaits(args)) return false;
      const code = args.length > 0 ? (args[0] as number | undefined) : undefined;
      const reason = args.length > 1 ? (args[1] as string | undefined) : undefined;
      const close = () => {
        try {
          n.apply(n.close, socket, args);
          channel.push(encode['close-call'](id, time(), code, reason, undefined, undefined));
        } catch (error) {
          channel.push(encode['close-call'](id, time(), code, reason, describeError(n, error), undefined));
        }
      };
      enqueue(lanes.host, lanes.send, newItem(n.now(), 0, 0, false, 0, close));
      return true;
    },
  };
}

/**
 * A page's close() may wait behind its queued sends only when the native close would surely not throw
 * (no code, or 1000 or 3000–4999, and a reason of at most 41 characters, 123 bytes at worst): the native
 * call decides every other case, at once, with its own exception.
 */
export function closeWaits(args: readonly unknown[]): boolean {
  if (args.length === 0) return true;
  const code = args[0];
  if (code !== undefined) {
    if (typeof code !== 'number' || (code | 0) !== code || (code !== 1000 && (code < 3000 || code > 4999))) return false;
  }
  if (args.length < 2 || args[1] === undefined) return true;
  return typeof args[1] === 'string' && args[1].length <= 41;
}
