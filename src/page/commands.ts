/**
 * User actions carried out in the page: inject a send or a receive, close, drop (an abnormal
 * disconnect as the page would see a network loss), and refusal rules for reconnection tests and
 * offline mode. Every action is reported as an 'action' event; nothing here throws into the page.
 */
import type { RuleCount } from '../shared/fields';
import type { ResentFrom } from '../shared/message-rules';
import type { PageCommand, PageEventTuple, RefuseRule } from '../shared/page-link';
import { encode } from '../shared/page-tuples';
import type { StreamHandle } from './family';
import type { Natives } from './natives';
import { isRuleCommand, runRuleCommand } from './rules/rule-commands';
import { createRuleState, type RuleState } from './rules/state';
import { sequenceOf } from './sequence';
import { runStreamCommand } from './stream-commands';

/** State shared with the socket listeners in install.ts. */
export interface ActionState {
  /** True while an injected receive is being dispatched, so the capture marks it injected. */
  injecting: boolean;
  /** True while our synthetic error/close of a drop is being dispatched. */
  synthetic: boolean;
  /** Sockets whose next native close event is replaced by error + close 1006. */
  dropping: WeakSet<object>;
  rules: RefuseRule[];
  /** Message rules (rules/): the list, the frames that wait, the open holds. */
  msg: RuleState;
}

export interface ActionContext {
  n: Natives;
  state: ActionState;
  socketOf(id: number): WebSocket | undefined;
  /** A WebSocketStream by id, until it closes. */
  streamOf(id: number): StreamHandle | undefined;
  push(event: PageEventTuple): void;
  /** Records an injected send the way the send proxy records the page's own; `from`: the row it was made from. */
  recordInjectedSend(id: number, data: string | ArrayBuffer, from?: ResentFrom): void;
  time(): number;
}

const DROP_CODE = 4000;
const DROP_REASON = 'SocketScope: simulated connection drop';

export function createActionState(n: Natives): ActionState {
  return { injecting: false, synthetic: false, dropping: new n.WeakSet(), rules: [], msg: createRuleState(n) };
}

/** Reads a field only when it is the object's own: a missing one would be looked up on the page's Object.prototype. */
export function own<T>(n: Natives, object: object, key: string): T | undefined {
  return n.apply(n.hasOwn, object, [key]) ? ((object as Record<string, unknown>)[key] as T) : undefined;
}

function contains(haystack: string, needle: string): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function matches(n: Natives, pattern: string, url: string): boolean {
  if (pattern.length > 2 && pattern[0] === '/' && pattern[pattern.length - 1] === '/') {
    try {
      const re = new n.RegExp(n.apply(n.stringSlice, pattern, [1, -1]) as string);
      return n.apply(n.regExpExec, re, [url]) !== null;
    } catch {
      return false;
    }
  }
  return contains(url, pattern);
}

/** The rule that refuses a new socket to `url`, if any; counts the attempt against it. */
export function refusingRule(ctx: ActionContext, url: string): RefuseRule | null {
  const now = ctx.n.apply(ctx.n.dateNow, undefined, []) as number;
  const rules = ctx.state.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const until = own<number>(ctx.n, rule, 'until');
    const attempts = own<number>(ctx.n, rule, 'attempts');
    if (until !== undefined && now > until) continue;
    if (attempts !== undefined && attempts <= 0) continue;
    if (!matches(ctx.n, rule.pattern, url)) continue;
    if (attempts !== undefined) rule.attempts = attempts - 1;
    return rule;
  }
  return null;
}

/** What the panel shows of a rule that just refused: its id and, for a counted rule, the attempts this document has left. */
export function ruleCount(n: Natives, rule: RefuseRule): RuleCount {
  const attempts = own<number>(n, rule, 'attempts');
  return attempts === undefined ? { id: rule.id } : { id: rule.id, attempts };
}

/** Called by the close listener: swaps a dropped socket's clean close for what a network loss looks like. */
export function replaceDroppedClose(ctx: ActionContext, socket: WebSocket, event: Event): boolean {
  const { n, state } = ctx;
  if (state.synthetic || !n.apply(n.weakSetHas, state.dropping, [socket])) return false;
  n.apply(n.weakSetDelete, state.dropping, [socket]);
  n.apply(n.stopImmediatePropagation, event, []);
  state.synthetic = true;
  try {
    n.apply(n.dispatchEvent, socket, [new n.Event('error')]);
    const init = { __proto__: null, code: 1006, reason: '', wasClean: false };
    n.apply(n.dispatchEvent, socket, [new n.CloseEvent('close', init as CloseEventInit)]);
  } finally {
    state.synthetic = false;
  }
  return true;
}

function describe(n: Natives, error: unknown): string {
  try {
    const e = error as { name?: unknown; message?: unknown };
    return `${n.String(e.name)}: ${n.String(e.message)}`;
  } catch {
    return 'unknown error';
  }
}

export function payloadFor(n: Natives, socket: WebSocket, data: string | ArrayBuffer): unknown {
  if (typeof data === 'string') return data;
  return n.apply(n.wsBinaryType, socket, []) === 'blob' ? new n.Blob(sequenceOf(n, [data]) as BlobPart[]) : data;
}

export function originOf(n: Natives, url: string): string {
  try {
    return n.apply(n.urlOrigin, new n.URL(url), []) as string;
  } catch {
    return '';
  }
}

type SocketCommand = Extract<PageCommand, { c: 'send' | 'receive' | 'close' | 'drop' }>;

/** Carries out one command on its socket and says what it did; throws what the native API throws. */
function perform(ctx: ActionContext, command: SocketCommand, socket: WebSocket): string {
  const { n, state } = ctx;
  const size = (data: string | ArrayBuffer) =>
    typeof data === 'string' ? `${data.length} characters` : `${n.apply(n.abByteLength, data, [])} bytes`;
  switch (command.c) {
    case 'send':
      n.apply(n.send, socket, [command.data]);
      ctx.recordInjectedSend(command.id, command.data, own<ResentFrom>(n, command, 'from'));
      return `sent ${size(command.data)}`;
    case 'receive': {
      // Null-prototype init dictionaries: the browser reads every member, and absent ones would reach Object.prototype.
      const init = { __proto__: null, data: payloadFor(n, socket, command.data), origin: originOf(n, n.apply(n.wsUrl, socket, [])) };
      const event = new n.MessageEvent('message', init as MessageEventInit);
      state.injecting = true;
      try {
        n.apply(n.dispatchEvent, socket, [event]);
      } finally {
        state.injecting = false;
      }
      return `received ${size(command.data)}`;
    }
    case 'close': {
      const code = own<number>(n, command, 'code');
      const reason = own<string>(n, command, 'reason');
      n.apply(n.close, socket, reason === undefined ? (code === undefined ? [] : [code]) : [code ?? 1000, reason]);
      return `close(${code ?? ''}${reason !== undefined ? `, "${reason}"` : ''})`;
    }
    case 'drop':
      n.apply(n.weakSetAdd, state.dropping, [socket]);
      n.apply(n.close, socket, [DROP_CODE, DROP_REASON]);
      return 'dropped: the page will see error and close 1006';
  }
}

/**
 * The panel sends its whole list on every change, and again when a document appears. A rule the page
 * already holds keeps the fewer attempts of the two: sending again never restarts a count, and a count
 * the panel lowered (another document of the tab used attempts) is adopted, so that every document
 * refuses at most what the panel shows as left.
 */
function keepCounts(n: Natives, held: RefuseRule[], incoming: RefuseRule[]): RefuseRule[] {
  for (let i = 0; i < incoming.length; i++) {
    const rule = incoming[i];
    const wanted = own<number>(n, rule, 'attempts');
    if (wanted === undefined) continue;
    for (let j = 0; j < held.length; j++) {
      const left = own<number>(n, held[j], 'attempts');
      if (left !== undefined && left < wanted && own<number>(n, held[j], 'id') === own<number>(n, rule, 'id')) rule.attempts = left;
    }
  }
  return incoming;
}

export function runCommand(ctx: ActionContext, command: PageCommand): void {
  if (command.c === 'rules') {
    ctx.state.rules = keepCounts(ctx.n, ctx.state.rules, command.rules);
    return;
  }
  if (isRuleCommand(command)) {
    runRuleCommand(ctx.n, ctx.state.msg, command, ctx.push, ctx.time);
    return;
  }
  const { id, c: action } = command;
  const report = (detail: string, error?: string) =>
    ctx.push(
      error === undefined
        ? encode.action(id, ctx.time(), action, detail, undefined, undefined)
        : encode.action(id, ctx.time(), action, detail, error, undefined),
    );
  const stream = ctx.streamOf(id);
  if (stream) {
    try {
      runStreamCommand(ctx, command, stream, report);
    } catch (error) {
      report(action, describe(ctx.n, error));
    }
    return;
  }
  const socket = ctx.socketOf(id);
  if (!socket) {
    report('no such socket', 'the socket is gone (closed and collected, or from an earlier document)');
    return;
  }
  try {
    report(perform(ctx, command, socket));
  } catch (error) {
    report(action, describe(ctx.n, error));
  }
}
