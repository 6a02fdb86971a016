/**
 * Firefox's worker capture, the relay side: each worker whose events the page hook hands on (src/page/worker-
 * listener.ts) becomes a pseudo-document, as Deep capture's workers are in Chromium: its own log, its own FrameInfo
 * (`worker` set, `url` its script) and its own link to the background, so that sync, payloads and counters work
 * unchanged. The reports come from page code as far as the relay knows: each is checked, and each event on its own.
 * User actions cannot reach a worker's socket (the panel shows it observe only); a command for one is counted.
 */

import { LIMITS } from '../shared/limits';
import type { FrameInfo } from '../shared/protocol';
import { checker, ProtocolError } from '../shared/validate';
import { type WorkerReport, workerReport } from '../shared/worker-link';
import { type BackgroundLink, type Connect, linkToBackground } from './background-link';
import { RelayLog } from './log';
import { readPageEvent } from './page-link';
import { blobOf, readBlobHead, toWire } from './to-wire';
import type { RelayEvent } from './unpack';

const checkReport = checker(workerReport);

interface WorkerDocument {
  log: RelayLog;
  link: BackgroundLink;
  /** Sockets created and not yet closed: they get a closing row if the worker ends first. */
  open: Set<number>;
  /** Keeps capture order while a Blob preview is read. */
  chain: Promise<void>;
}

export interface WorkerDocuments {
  /** A report from the page hook (unchecked). */
  accept(raw: unknown): void;
  /** The background asked every link to reconnect. */
  reconnectIfClosed(): void;
  /** The document is leaving: send what waits. */
  flushNow(): void;
}

export function createWorkerDocuments(
  randomKey: () => string,
  connect: Connect,
  onReject: (reason: string) => void,
  onNote: (message: string) => void,
): WorkerDocuments {
  const docs = new Map<string, WorkerDocument>();
  let refused = 0;

  const documentOf = (report: WorkerReport): WorkerDocument | null => {
    const known = docs.get(report.w);
    if (known) return known;
    if (docs.size >= LIMITS.relayWorkers) {
      refused++;
      onNote(`${refused} workers past ${LIMITS.relayWorkers} in this document are not captured`);
      return null;
    }
    const log = new RelayLog();
    const frame: FrameInfo = { key: randomKey(), url: report.url, top: false, frameId: -1, startedAt: Date.now(), worker: report.kind };
    const observeOnly = () => {
      log.counters.rejected++;
      log.counters.lastError = 'user actions cannot reach a socket in a worker';
    };
    const doc: WorkerDocument = {
      log,
      link: linkToBackground(log, frame, observeOnly, connect),
      open: new Set(),
      chain: Promise.resolve(),
    };
    docs.set(report.w, doc);
    return doc;
  };

  const store = (doc: WorkerDocument, event: RelayEvent, blobHead?: Uint8Array) => {
    if (event.k === 'fault') {
      doc.log.counters.faults++;
      doc.log.counters.lastError = event.message;
    } else if (event.k === 'create') doc.open.add(event.id);
    else if (event.k === 'close') doc.open.delete(event.id);
    const converted = event.k === 'fault' || event.k === 'note' ? null : toWire(event, blobHead);
    if (converted) doc.log.append(converted.event, converted.body);
    doc.link.notify();
  };

  const ended = (doc: WorkerDocument) => {
    const t = Date.now();
    for (const conn of doc.open) {
      doc.log.append({ k: 'close', conn, t, wasClean: false, error: 'the worker ended before its socket closed' });
    }
    doc.open.clear();
    doc.link.notify();
  };

  return {
    accept(raw) {
      let report: WorkerReport;
      try {
        report = checkReport(raw, 'worker report');
      } catch (error) {
        onReject(String((error as Error).message));
        return;
      }
      const doc = documentOf(report);
      if (!doc) return;
      for (const item of report.events ?? []) {
        let event: RelayEvent;
        try {
          // The same check as the page's events; the worker hook packs nothing and keeps no body (src/worker/
          // channel.ts): a packed place or a kept body's number here is refused.
          event = readPageEvent(item, null);
          if ((event.k === 'msg' || event.k === 'held' || event.k === 'send-fail') && event.kept !== undefined) {
            throw new ProtocolError('event.kept: a worker keeps no body in the page hook');
          }
        } catch (error) {
          doc.log.counters.rejected++;
          doc.log.counters.lastError = String((error as Error).message);
          continue;
        }
        const blob = blobOf(event);
        doc.chain = doc.chain
          .then(async () => store(doc, event, blob ? await readBlobHead(blob) : undefined))
          .catch((error) => {
            doc.log.counters.faults++;
            doc.log.counters.lastError = String(error);
          });
      }
      if (report.gone) doc.chain = doc.chain.then(() => ended(doc));
    },
    reconnectIfClosed() {
      for (const doc of docs.values()) doc.link.reconnectIfClosed();
    },
    flushNow() {
      for (const doc of docs.values()) doc.link.flushNow();
    },
  };
}
