import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src/panel/state/bridge';
import { DEFAULT_FILTER } from '../../../src/panel/state/filter';
import { emptyCapture } from '../../../src/panel/state/model';
import { backToLive, imported, isViewingImport, liveCapture, openImported, shownPayloads } from '../../../src/panel/state/session';
import { capture, filter, selectedRow, updateFilter } from '../../../src/panel/state/store';
import type { ToPanel } from '../../../src/shared/protocol';
import { createFakeTransportPair } from '../../../src/shared/transport';
import { captureOf, create, doc, noCounters, numbered, open, received, sent, T0 } from './fixtures';

const s = (seconds: number) => T0 + seconds * 1000;
const previews = (rows: { k: string; preview?: string }[]) => rows.filter((r) => r.k === 'msg').map((r) => r.preview);
const importedInfo = { name: 'old.json', source: 'SocketScope log', notes: [] };

/** A live capture fed by a real bridge; `relay` plays the background's side of the transport. */
function liveSetup() {
  const { a: panelSide, b: relay } = createFakeTransportPair();
  let handled = 0;
  createBridge(panelSide, 7, liveCapture, () => handled++);
  /** Posts as the background would and waits until the bridge has folded the message in. */
  const deliver = async (message: ToPanel) => {
    const before = handled;
    relay.postMessage(message);
    await vi.waitFor(() => expect(handled).toBe(before + 1));
  };
  return { deliver };
}

beforeEach(() => {
  capture.value = emptyCapture();
  filter.value = DEFAULT_FILTER;
  selectedRow.value = null;
});
afterEach(() => backToLive());

describe('the session switch', () => {
  it('shows an imported capture while the live one keeps receiving, then returns to the live one with what arrived', async () => {
    const live = capture.value;
    const { deliver } = liveSetup();
    const page = doc('page');
    await deliver({
      type: 'events',
      frame: page,
      events: JSON.stringify(numbered([create(1, s(0)), open(1, s(1)), sent(1, s(2), 'before')])),
      counters: noCounters(),
    });
    expect(previews(live.rows)).toEqual(['before']);

    const old = captureOf([create(1, s(0), 'wss://old.test/'), received(1, s(1), 'from the file')]);
    openImported(old, importedInfo);
    expect(capture.value).toBe(old);
    expect(imported.value).toEqual(importedInfo);
    expect(isViewingImport()).toBe(true);

    await deliver({
      type: 'events',
      frame: page,
      events: JSON.stringify(numbered([received(1, s(3), 'while away')], 4)),
      counters: noCounters(),
    });
    expect(previews(capture.value.rows)).toEqual(['from the file']);
    expect(liveCapture()).toBe(live);
    expect(previews(live.rows)).toEqual(['before', 'while away']);

    backToLive();
    expect(capture.value).toBe(live);
    expect(imported.value).toBeNull();
    expect(isViewingImport()).toBe(false);
    expect(previews(capture.value.rows)).toEqual(['before', 'while away']);
  });

  it('keeps the live capture aside when a second file is opened over the first', () => {
    const live = capture.value;
    openImported(captureOf([create(1, s(0))]), importedInfo);
    const second = captureOf([create(2, s(0))]);
    openImported(second, { ...importedInfo, name: 'newer.json' });
    expect(capture.value).toBe(second);
    expect(liveCapture()).toBe(live);
    backToLive();
    expect(capture.value).toBe(live);
  });

  it('drops a selection and a connection filter that name rows of the other capture', () => {
    const live = captureOf([create(1, s(0)), sent(1, s(1), 'live')]);
    capture.value = live;
    selectedRow.value = live.rows[1];
    updateFilter({ connection: 'page:1' });
    openImported(captureOf([create(1, s(0))], doc('elsewhere')), importedInfo);
    expect(selectedRow.value).toBeNull();
    expect(filter.value.connection).toBe('all');
  });

  it('answers payload requests for an imported capture itself, and forwards them while live', async () => {
    const fetchLive = vi.fn(async () => ({ text: 'whole body' }));
    const fetchShown = shownPayloads(fetchLive);
    await expect(fetchShown('page', 3)).resolves.toEqual({ text: 'whole body' });
    expect(fetchLive).toHaveBeenCalledWith('page', 3);

    openImported(captureOf([create(1, s(0))]), importedInfo);
    await expect(fetchShown('page', 3)).resolves.toEqual({ missing: expect.stringContaining('imported') });
    expect(fetchLive).toHaveBeenCalledTimes(1);
  });
});
