/**
 * Proxies of WebSocket.prototype.send and close: the native call decides everything (arguments,
 * exceptions, effects); around it we record what the page did. Exceptions reach the page as the
 * native ones, cleaned of our frame.
 */

import { LIMITS } from '../shared/limits';
import type { ResentFrom, RuleEffect } from '../shared/message-rules';
import type { Direction } from '../shared/page-link';
import { encode } from '../shared/page-tuples';
import type { Channel } from './channel';
import { cleanError, describeError } from './errors';
import type { Natives } from './natives';
import type { Snapshot } from './payload';
import type { RuleHooks } from './rules/engine';
import type { RuleState } from './rules/state';

const CONNECTING = 0;
const OPEN = 1;

export interface Recorder {
  n: Natives;
  /** Our script's URL, to clean our frame out of exceptions. */
  own: string;
  channel: Channel;
  idOf(socket: unknown): number | undefined;
  snap(value: unknown): Snapshot | null;
  recordPayload(
    id: number,
    dir: Direction,
    s: Snapshot | null,
    failure?: string,
    injected?: boolean,
    fx?: RuleEffect,
    from?: ResentFrom,
  ): void;
  fault(where: string, error: unknown): void;
  note(message: string): void;
  time(): number;
}

/** A close code as the page passed it, when it can be read without running page code (the relay takes finite numbers only). */
export function codeOf(value: unknown): number | undefined {
  const code = typeof value === 'string' ? +value : value; // unary plus on a string primitive runs no page code
  // `code - code === 0` holds for finite numbers only (NaN and ±Infinity give NaN); Number.isFinite belongs to the page.
  return typeof code === 'number' && code - code === 0 ? code : undefined;
}

/**
 * A long text whose size the browser counts for us. Its exact UTF-8 size is in the summary, and measuring it costs
 * the page's thread about 1 ms per MB (bench/PERFORMANCE.md, session 16). But `send` adds exactly that size to
 * `bufferedAmount` before it returns (lone surrogates as U+FFFD, 3 bytes, as we count them), and the amount drains
 * only in a later task: the difference across the native call is the size, for two getter calls. Short texts (at
 * most a preview long) are measured by the relay, at little cost; a text cut at the cap has its size already.
 */
const countsLongText = (s: Snapshot): boolean => typeof s.data === 'string' && s.data.length > LIMITS.previewChars && s.size === undefined;

/** Keeps the browser's count only when it can be this text's: from 1 to 3 bytes per UTF-16 unit. Else the hook measures it. */
function takeCountedSize(s: Snapshot, before: number, after: number): void {
  const units = (s.data as string).length;
  const bytes = after - before;
  if (bytes >= units && bytes <= units * 3 && bytes === (bytes | 0)) s.size = bytes; // our own literal's field: no page setter
}

export function createMethodProxies(r: Recorder, rules: RuleState, ruleHooks: RuleHooks) {
  const { n, own, channel, idOf, snap, recordPayload, fault, time } = r;
  const sendProxy = new n.Proxy(n.send, {
    __proto__: null, // a page method on Object.prototype (get, has, apply…) would otherwise act as a trap
    apply(target, self, args) {
      const id = idOf(self);
      // Not one of our sockets (a wrong `this`): the native call alone decides, as it would unpatched.
      if (id === undefined) {
        try {
          return n.apply(target, self, args);
        } catch (error) {
          throw cleanError(n, error, own);
        }
      }
      let s: Snapshot | null = null;
      if (args.length > 0) {
        const data = args[0];
        if (typeof data === 'object' && data !== null) s = snap(data);
        if (s === null && typeof data !== 'string' && typeof data !== 'symbol') {
          // A non-payload value is converted once, here, exactly as the native conversion would do it.
          try {
            args = [n.String(data)];
          } catch (error) {
            throw cleanError(n, error, own);
          }
        }
        if (s === null && typeof args[0] === 'string') s = snap(args[0]);
      }
      const state = n.apply(n.wsReadyState, self, []);
      // The one test on the way of every send: with no rule on and nothing waiting, the path is as it was.
      // While CONNECTING the native send throws, and rules do not apply.
      if ((rules.rules !== null || rules.waiting !== 0) && state !== CONNECTING && args.length > 0) {
        try {
          if (ruleHooks.onSend(self, id, args[0])) return undefined;
        } catch (error) {
          fault('rules', error);
        }
      }
      const counted = s !== null && countsLongText(s) ? s : null;
      const before = counted ? (n.apply(n.wsBufferedAmount, self, []) as number) : 0;
      try {
        n.apply(target, self, args);
      } catch (error) {
        try {
          recordPayload(id, 'send', s, describeError(n, error));
        } catch (inner) {
          fault('send', inner);
        }
        throw cleanError(n, error, own);
      }
      try {
        if (counted) takeCountedSize(counted, before, n.apply(n.wsBufferedAmount, self, []) as number);
        // Natively, a send on a closing or closed socket is discarded without an error.
        recordPayload(id, 'send', s, state > OPEN ? 'discarded: the socket is closing or closed' : undefined);
      } catch (error) {
        fault('send', error);
      }
      return undefined;
    },
  } as ProxyHandler<typeof n.send>);

  const closeProxy = new n.Proxy(n.close, {
    __proto__: null, // a page method on Object.prototype (get, has, apply…) would otherwise act as a trap
    apply(target, self, args) {
      const id = idOf(self);
      // A close() while sends wait goes after them (rules/engine.ts), when the native one would not throw.
      if (rules.waiting !== 0 && id !== undefined) {
        try {
          if (ruleHooks.onCloseCall(self, id, args)) return undefined;
        } catch (error) {
          fault('rules', error);
        }
      }
      const code = args.length > 0 ? codeOf(args[0]) : undefined;
      const reason = args.length > 1 && typeof args[1] === 'string' ? args[1] : undefined;
      try {
        n.apply(target, self, args);
      } catch (error) {
        try {
          if (id !== undefined) channel.push(encode['close-call'](id, time(), code, reason, describeError(n, error), undefined));
        } catch (inner) {
          fault('close', inner);
        }
        throw cleanError(n, error, own);
      }
      if (id !== undefined) {
        try {
          channel.push(encode['close-call'](id, time(), code, reason, undefined, undefined));
        } catch (error) {
          fault('close', error);
        }
      }
      return undefined;
    },
  } as ProxyHandler<typeof n.close>);

  return { sendProxy, closeProxy };
}
