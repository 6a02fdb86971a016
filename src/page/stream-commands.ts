/**
 * User actions on a WebSocketStream. Send goes through the browser's writer, which we hold (the page's
 * lock is on our stand-in), so it works whoever holds the page's writer; receive puts a chunk before the
 * page's next read; close is the native close(). Drop cannot apply: a WebSocketStream tells its page of
 * a network loss through its `closed` promise, which is the browser's, so a loss cannot be shown
 * without closing the connection for real (the panel says so and offers no drop on a stream).
 */
import type { PageCommand } from '../shared/page-link';
import { type ActionContext, own } from './commands';
import { describeError } from './errors';
import type { StreamHandle } from './family';

export const STREAM_DROP_UNAVAILABLE = 'drop is not available on a WebSocketStream: its closed promise belongs to the browser';

type Report = (detail: string, error?: string) => void;

const size = (ctx: ActionContext, data: string | ArrayBuffer) =>
  typeof data === 'string' ? `${data.length} characters` : `${ctx.n.apply(ctx.n.abByteLength, data, [])} bytes`;

export function runStreamCommand(ctx: ActionContext, command: Exclude<PageCommand, { c: 'rules' }>, handle: StreamHandle, report: Report) {
  const { n } = ctx;
  const s = n.stream;
  const stream = n.apply(n.weakRefDeref, handle.stream, []) as object | undefined;
  if (!s || !stream) return report('no such stream', 'the stream is gone (closed and collected)');
  switch (command.c) {
    case 'send': {
      if (!handle.inject) return report('send', 'the stream has not opened yet');
      const detail = `sent ${size(ctx, command.data)}`;
      n.apply(s.promiseThen, handle.inject.send(command.data), [
        () => report(detail),
        (error: unknown) => report('send', describeError(n, error)),
      ]);
      return;
    }
    case 'receive':
      if (!handle.inject) return report('receive', 'the stream has not opened yet');
      if (!handle.inject.receive(command.data)) return report('receive', 'the readable has ended (closed, cancelled or errored)');
      return report(`received ${size(ctx, command.data)}`);
    case 'close': {
      const code = own<number>(n, command, 'code');
      const reason = own<string>(n, command, 'reason');
      const info = { __proto__: null, closeCode: code, reason };
      n.apply(s.close, stream, [info]);
      return report(`close(${code ?? ''}${reason !== undefined ? `, "${reason}"` : ''})`);
    }
    case 'drop':
      return report('drop', STREAM_DROP_UNAVAILABLE);
  }
}
