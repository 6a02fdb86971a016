/** The message timeline: one virtualised row per captured event, filtered. */

import { useEffect, useRef } from 'preact/hooks';
import { base64ToBytes, bytesToHex } from '../../shared/codec';
import { closeWithoutCode } from '../deep-capture/deep-state';
import { describeCloseCode, formatBytes, formatTime, oneLine } from '../format/format';
import { rowEffectText } from '../format/rule-effect';
import { pairOf } from '../pairing/lookup';
import type { PairingState } from '../pairing/state';
import { rowMenuTriggers } from '../row-actions/timeline-triggers';
import { focusDetailsOnEnter } from '../shortcuts/focus';
import { decodedSummary } from '../state/decoding';
import { type Connection, connectionKey, type Row } from '../state/model';
import { pairLabel } from '../state/pair-label';
import { pairingClock, pairingFor, partnerOf } from '../state/pairing';
import { capture, scrollRequest, selectedRow, visibleView } from '../state/store';
import { VirtualList } from './VirtualList';

export const ROW_HEIGHT = 20;

const ARROWS: Record<string, string> = { send: '↑', recv: '↓' };

/** How a WebSocketStream's page ended it, when not through close(). */
const VIA = { cancel: 'readable.cancel()', abort: 'writable.abort()', 'writer-close': 'writable.close()' } as const;

function summary(row: Row): string {
  switch (row.k) {
    case 'gap':
      return `${row.gap} event(s) missing from the sequence`;
    case 'create':
      return `new ${row.api === 'stream' ? 'WebSocketStream' : 'WebSocket'}(${row.url})`;
    case 'open':
      return `open${row.protocol ? ` · protocol ${row.protocol}` : ''}${row.extensions ? ` · ${row.extensions}` : ''}`;
    case 'error':
      return row.error ? `error · ${row.error}` : 'error';
    case 'close':
      if (row.code === undefined) return `close · ${closeWithoutCode(row.error)}`;
      return `close ${describeCloseCode(row.code ?? 0)}${row.reason ? ` · ${row.reason}` : ''}${row.wasClean ? '' : ' · not clean'}`;
    case 'close-call':
      return `${row.via ? VIA[row.via] : 'close()'} called${row.code !== undefined ? ` with ${row.code}` : ''}${row.reason ? ` "${row.reason}"` : ''}${row.error ? ` → ${row.error}` : ''}`;
    case 'action':
      return `${row.action}: ${row.detail}${row.error ? ` → failed: ${row.error}` : ''}`;
    case 'rule-error':
      return row.error ?? '';
    case 'held':
    case 'send-fail':
    case 'msg': {
      const body = row.binary ? bytesToHex(base64ToBytes(row.preview ?? '')?.subarray(0, 48) ?? new Uint8Array()) : (row.preview ?? '');
      const prefix = row.k === 'send-fail' ? `failed (${row.error}) · ` : '';
      return prefix + oneLine(body);
    }
  }
}

interface ShownRows {
  rows: readonly Row[];
  indices: Uint32Array;
  connections: ReadonlyMap<string, Connection>;
  pairing: PairingState | null;
}

const NOTHING_SHOWN: ShownRows = { rows: [], indices: new Uint32Array(0), connections: new Map(), pairing: null };

/**
 * Re-renders every second while requests wait for an answer (so "unanswered" shows when the timeout
 * passes, with no traffic) or while a large capture is still being paired.
 */
function usePairingClock(waiting: boolean): void {
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      pairingClock.value = Date.now();
    }, 1000);
    return () => clearInterval(timer);
  }, [waiting]);
}

function renderTimelineRow(index: number, row: Row, shown: ShownRows, selected: boolean) {
  const kind = row.k === 'msg' ? row.dir : row.k;
  const effect = rowEffectText(row);
  const arrow = row.k === 'msg' || row.k === 'held';
  const connection = shown.connections.get(connectionKey(row.frame, row.conn));
  const decoded = decodedSummary(row, shown.connections);
  const link = row.k === 'msg' && shown.pairing ? pairOf(shown.pairing, row.frame, row.seq)[0] : undefined;
  const pair = link ? pairLabel(link, shown.pairing!.timeoutMs) : null;
  return (
    <div
      id={`row-${index}`}
      role="option"
      aria-selected={selected}
      // The list holds only the rows in view, in no set order (VirtualList): each says where it is in the whole.
      aria-posinset={index + 1}
      aria-setsize={shown.indices.length}
      tabIndex={-1}
      class={`trow kind-${kind}${selected ? ' selected' : ''}${row.k === 'msg' && row.injected ? ' injected' : ''}`}
    >
      <span class="c-time">{formatTime(row.t)}</span>
      <span class="c-dir" title={arrow ? `${row.k === 'held' ? 'held, ' : ''}${row.dir === 'send' ? 'sent' : 'received'}` : row.k}>
        {arrow ? ARROWS[row.dir ?? 'send'] : row.k === 'gap' || row.k === 'rule-error' ? '⚠' : '•'}
      </span>
      <span class="c-conn">{connection ? `#${connection.ordinal}` : ''}</span>
      <span class="c-size">{row.k === 'msg' || row.k === 'send-fail' || row.k === 'held' ? formatBytes(row.size ?? 0) : ''}</span>
      {shown.pairing && shown.pairing.rows.size > 0 ? (
        // The column shows once a capture has pairs, so that other captures keep their width for payloads.
        <span class={`c-pair${pair?.warn ? ' warn' : ''}`} title={pair?.long}>
          {pair?.text ?? ''}
        </span>
      ) : null}
      {decoded !== null ? (
        <span class="c-decoded" title={decoded}>
          {decoded}
        </span>
      ) : null}
      {effect !== null ? <span class={`c-fx fx-${row.k === 'msg' ? (row.fx?.kind ?? 'resent') : row.k}`}>{effect}</span> : null}
      <span class="c-preview">
        {row.k === 'msg' && row.injected ? <span class="badge">injected</span> : null}
        {summary(row)}
      </span>
      {row.k === 'gap' ? null : (
        // A pointer affordance only: an option may not hold a control (ARIA), and the keyboard path to the
        // same menu is the Menu key or Shift+F10 on the selected row.
        <span class="row-menu-button" aria-hidden="true" title="Row actions">
          ⋮
        </span>
      )}
    </div>
  );
}

/**
 * A jump from elsewhere (the traffic chart) scrolls once; resetting lets the same row be requested again.
 * A hook of its own, not an effect inside Timeline: there it would share the render's closure scope with
 * renderRow and onSelect, and Preact keeps an effect's callback until its deps change, so that callback
 * would keep an old render's rows alive (after Clear, the whole cleared capture).
 */
function useScrollRequestReset(requested: boolean, scrollTo: number | null): void {
  useEffect(() => {
    if (requested) scrollRequest.value = false;
  }, [requested, scrollTo]);
}

/** P: select the selected message's paired request or response, and scroll to it. */
function jumpToPartnerOnP(event: KeyboardEvent): void {
  if (event.key !== 'p' && event.key !== 'P') return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const row = selectedRow.peek();
  const partner = row ? partnerOf(capture.peek(), row) : null;
  if (!partner) return;
  event.preventDefault();
  selectedRow.value = partner;
  scrollRequest.value = true;
}

export function Timeline() {
  const { indices, rows } = visibleView.value;
  const connections = capture.value.connections;
  pairingClock.value; // re-render on the clock's tick
  const pairing = pairingFor(capture.value, capture.value.readOnly ? null : Date.now());
  usePairingClock(pairing.behind > 0 || pairing.state.openOrder.size > 0);
  const selected = selectedRow.value;
  let selectedIndex: number | null = null;
  if (selected) {
    // The selection is a row object; find where it sits in the filtered view (binary search on order).
    const target = rows.indexOf(selected);
    let lo = 0;
    let hi = indices.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (indices[mid] === target) {
        selectedIndex = mid;
        break;
      }
      if (indices[mid] < target) lo = mid + 1;
      else hi = mid - 1;
    }
  }

  const requested = scrollRequest.value;
  const scrollTo = requested ? selectedIndex : null;
  useScrollRequestReset(requested, scrollTo);

  // The row callbacks read the latest render's data through a ref instead of closing over it: Preact keeps
  // the element tree of a parent's last render, which holds an old VirtualList element and its callbacks,
  // and the rows array they closed over would stay alive after Clear. (The ref starts empty because Preact
  // also keeps a ref's initial value for the component's life.)
  const shown = useRef(NOTHING_SHOWN);
  shown.current = { rows, indices, connections, pairing: pairing.state };
  const menu = rowMenuTriggers((i) => shown.current.rows[shown.current.indices[i]]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: it only hears events bubbling from the listbox and its rows, which carry the roles
    <div
      class="timeline-keys"
      onContextMenu={menu.onContextMenu}
      onClick={menu.onClick}
      onKeyDown={(event) => {
        menu.onKeyDown(event);
        focusDetailsOnEnter(event);
        jumpToPartnerOnP(event);
      }}
    >
      <VirtualList
        scrollTo={scrollTo}
        count={indices.length}
        rowHeight={ROW_HEIGHT}
        label="Messages"
        selected={selectedIndex}
        onSelect={(i) => {
          selectedRow.value = shown.current.rows[shown.current.indices[i]];
        }}
        renderRow={(i, isSelected) => {
          const { rows, indices } = shown.current;
          return renderTimelineRow(i, rows[indices[i]], shown.current, isSelected);
        }}
      />
    </div>
  );
}
