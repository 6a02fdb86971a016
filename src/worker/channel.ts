/**
 * The worker hook's Channel (the page hook's is src/page/channel.ts): events go to the document that made the
 * worker, on the BroadcastChannel the background named for this script. The name reaches that document's hook
 * later than the worker starts, so events wait, bounded and counted, until a page hook says it listens; the worker
 * then sends to that one listener only (a shared worker's channel may reach several documents: the first to answer
 * gets its sockets). Batched like the page hook's: one message per task, scheduled through a private MessageChannel.
 */

import type { Channel } from '../page/channel';
import { pagePrimitives } from '../page/checks';
import { handoverToken } from '../page/final-flush';
import type { Natives } from '../page/natives';
import { compile } from '../shared/check';
import type { WorkerKind } from '../shared/fields';
import { LIMITS } from '../shared/limits';
import type { PageEventTuple } from '../shared/page-link';
import { encode } from '../shared/page-tuples';
import { isFailed } from '../shared/schema';
import { channelOf, type FromWorker, toWorker } from '../shared/worker-link';

const PENDING_CAP = LIMITS.pagePendingEvents;

export function openWorkerChannel(n: Natives, name: string, kind: WorkerKind): Channel {
  const me = handoverToken(n);
  const url = n.apply(n.locationHref, n.location, []);
  const broadcast = n.construct(n.BroadcastChannel, [channelOf(name)]) as BroadcastChannel;
  const post = (message: FromWorker) => n.apply(n.broadcastPost, broadcast, [message]);
  let owner: string | null = null;
  let queue: PageEventTuple[] = [];
  let dropped = 0;
  let scheduled = false;
  let lastId = 0;

  const flush = () => {
    scheduled = false;
    if (owner === null || queue.length === 0) return;
    if (dropped > 0) {
      queue[queue.length] = encode.fault(n.timeOrigin + n.now(), `${dropped} events dropped before the page listened`);
      dropped = 0;
    }
    const events = queue;
    queue = [];
    post({ ss: 'batch', w: me, to: owner, url, kind, events });
  };
  const tick = new n.MessageChannel();
  n.apply(n.portOnMessage, tick.port1, [flush]);
  const schedule = () => {
    if (scheduled || owner === null) return;
    scheduled = true;
    n.apply(n.portPostMessage, tick.port2, [0]);
  };

  let fromPage: ReturnType<typeof compileToWorker> | null = null;
  const compileToWorker = () => compile(toWorker, pagePrimitives(n));
  n.apply(n.addEventListener, broadcast, [
    'message',
    (event: Event) => {
      try {
        fromPage ??= compileToWorker();
        const message = fromPage.check(n.apply(n.messageData, event, []));
        if (isFailed(message)) return; // another worker's word on a shared channel, or a guess: nothing to answer
        if (message.ss === 'listen' && owner === null) {
          owner = message.l;
          schedule();
        } else if (message.ss === 'ping' && message.l === owner) post({ ss: 'alive', w: me, to: owner });
      } catch {
        // never into the worker
      }
    },
  ]);
  post({ ss: 'hello', w: me, url, kind });

  return {
    // Packs nothing: a worker's batches cross a BroadcastChannel, which cannot transfer, so one buffer per batch
    // would only add a copy (src/page/pack.ts).
    packer: { pack: () => null, current: () => null, take: () => null },
    // Keeps no body (src/page/long-text.ts): an event goes as the recorder wrote it, a long text whole. No relay asks
    // a worker for a body, and the relay refuses a worker's event that names one (content/worker-documents.ts).
    push(event) {
      if (owner === null && queue.length >= PENDING_CAP) {
        queue = n.apply(n.arraySlice, queue, [PENDING_CAP >> 1]) as PageEventTuple[];
        dropped += PENDING_CAP >> 1;
      }
      queue[queue.length] = event;
      schedule();
    },
    newId: () => ++lastId,
    // Observe only: user actions never reach a worker's sockets (the panel says so).
    onCommand: () => undefined,
    onWorkerChannel: () => undefined,
    post: () => undefined,
  };
}
