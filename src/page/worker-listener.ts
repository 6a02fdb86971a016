/**
 * Firefox's worker capture, the page side: the relay names a BroadcastChannel for each worker script the
 * background rewrote (src/background/firefox-workers/); this document's hook opens it and says it listens. The
 * worker hook (src/worker) sends its events to the first listener it hears, and they are handed on to the relay
 * unread (the relay checks them). A worker that stops answering pings is reported gone, so that its open sockets
 * end with a row that says so. Chromium never sends a channel name: there, nothing here runs.
 */
import { compile } from '../shared/check';
import { LIMITS } from '../shared/limits';
import { isFailed } from '../shared/schema';
import { channelOf, fromWorker, type ToWorker, toWorker, type WorkerReport } from '../shared/worker-link';
import type { Channel } from './channel';
import { pagePrimitives } from './checks';
import { handoverToken } from './final-flush';
import type { Natives } from './natives';

interface Followed {
  url: string;
  kind: WorkerReport['kind'];
  lastSeen: number;
  gone: boolean;
}

export function listenToWorkers(n: Natives, channel: Channel, fault: (where: string, error: unknown) => void): void {
  const Broadcast = n.BroadcastChannel;
  const post = n.broadcastPost;
  if (typeof Broadcast !== 'function' || typeof post !== 'function') return;
  const me = handoverToken(n);
  const opened = n.create(null) as Record<string, true>;
  const channels: BroadcastChannel[] = [];
  const followed = n.create(null) as Record<string, Followed>;
  let pinging = false;
  // Compiled when the first worker channel opens, not at document_start, where every page pays for what runs.
  let checks: { fromWorker: ReturnType<typeof compileFrom>; toWorker: ReturnType<typeof compileTo> } | null = null;
  const compileFrom = () => compile(fromWorker, pagePrimitives(n));
  const compileTo = () => compile(toWorker, pagePrimitives(n));

  const tell = (target: BroadcastChannel, message: ToWorker) => n.apply(post, target, [message]);
  const report = (w: string, seen: Followed, events?: unknown[]) => {
    const message: WorkerReport = events
      ? { w, url: seen.url, kind: seen.kind, events }
      : { w, url: seen.url, kind: seen.kind, gone: true };
    channel.post(message);
  };

  const pingRound = () => {
    pinging = false;
    const now = n.now();
    let live = 0;
    for (const w in followed) {
      const seen = followed[w];
      if (seen.gone) continue;
      if (now - seen.lastSeen > LIMITS.workerSilentMs) {
        seen.gone = true;
        report(w, seen);
      } else live++;
    }
    if (live === 0) return;
    for (let i = 0; i < channels.length; i++) tell(channels[i], { ss: 'ping', l: me });
    schedulePing();
  };
  const schedulePing = () => {
    if (pinging) return;
    pinging = true;
    n.apply(n.setTimeout, n.win, [pingRound, LIMITS.workerPingMs]);
  };

  const onMessage = (source: BroadcastChannel) => (event: Event) => {
    try {
      checks ??= { fromWorker: compileFrom(), toWorker: compileTo() };
      const data = n.apply(n.messageData, event, []);
      const message = checks.fromWorker.check(data);
      if (isFailed(message)) {
        // Another listener's word to the workers (a second frame on a shared worker's channel) is not a fault.
        if (isFailed(checks.toWorker.check(data))) fault('worker channel', `rejected a message: ${checks.fromWorker.why('')}`);
        return;
      }
      if (message.ss === 'hello') return void tell(source, { ss: 'listen', l: me });
      if (message.to !== me) return; // the worker took another listener
      const seen = followed[message.w] ?? { url: '', kind: 'dedicated worker', lastSeen: 0, gone: false };
      followed[message.w] = seen;
      seen.lastSeen = n.now();
      if (message.ss === 'alive') return;
      seen.url = message.url;
      seen.kind = message.kind;
      // A worker taken as gone that speaks again was only busy: its events still count.
      seen.gone = false;
      report(message.w, seen, message.events);
      schedulePing();
    } catch (error) {
      fault('worker channel', error);
    }
  };

  channel.onWorkerChannel((name) => {
    if (opened[name]) return;
    if (channels.length >= LIMITS.workerChannels) {
      fault('worker channel', `more than ${LIMITS.workerChannels} worker channels in this document: this worker is not captured`);
      return;
    }
    opened[name] = true;
    try {
      const opening = n.construct(Broadcast, [channelOf(name)]) as BroadcastChannel;
      n.apply(n.addEventListener, opening, ['message', onMessage(opening)]);
      channels[channels.length] = opening;
      tell(opening, { ss: 'listen', l: me });
    } catch (error) {
      fault('worker channel', error);
    }
  });
}
