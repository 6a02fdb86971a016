import { afterEach, describe, expect, it } from 'vitest';
import { DetailPane } from '../../../src/panel/detail/DetailPane';
import type { Row } from '../../../src/panel/state/model';
import { capture, selectedRow } from '../../../src/panel/state/store';
import type { PayloadBody } from '../../../src/shared/protocol';
import { byRole, mount, settle } from './dom';
import { captureOf, create, open, T0 } from './fixtures';

const HUNDRED_MB = 100 * 1024 * 1024;

/** A text message of `size` bytes of which the page kept `kept` characters; the row carries a 1 KiB preview. */
function bigMessage(size: number, kept: string, hash?: string): Row {
  capture.value = captureOf([
    create(1, T0),
    open(1, T0),
    { k: 'msg', conn: 1, t: T0, dir: 'recv', binary: false, size, preview: kept.slice(0, 1024), complete: false, hash },
  ]);
  return capture.value.rows[2];
}

let view: ReturnType<typeof mount> | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
  selectedRow.value = null;
});

const notes = () => byRole(view!.root, 'region', 'Message details').querySelector('.payload-notes')?.textContent ?? '';

describe('DetailPane with a trimmed 100 MB message', () => {
  it('shows the preview while loading, then the kept body, its exact size and hash', async () => {
    const kept = 'x'.repeat(1 << 20);
    const row = bigMessage(HUNDRED_MB, kept, '89abcdef');
    let answer: (body: PayloadBody) => void = () => {};
    const asked: [string, number][] = [];
    const fetchPayload = (frame: string, seq: number) => {
      asked.push([frame, seq]);
      return new Promise<PayloadBody>((resolve) => {
        answer = resolve;
      });
    };
    view = mount(<DetailPane fetchPayload={fetchPayload} />);
    selectedRow.value = row;
    await settle();
    expect(asked).toEqual([['page', 3]]);
    expect(notes()).toContain('Trimmed at capture: 104857600 bytes total, hash 89abcdef (100.0 MB).');
    expect(notes()).toContain('Showing the preview (1024 of 104857600 bytes); loading the whole payload…');
    answer({ text: kept });
    await settle();
    expect(notes()).toContain('Showing the first 1048576 of 104857600 bytes.');
    expect(byRole(view.root, 'tabpanel').textContent).toContain('Showing 262,144 of 1,048,576 characters.');
  });

  it('says when only the preview exists', async () => {
    const row = bigMessage(5000, 'y'.repeat(5000));
    view = mount(<DetailPane fetchPayload={async () => ({ missing: 'the body was trimmed to stay within budget' })} />);
    selectedRow.value = row;
    await settle();
    expect(notes()).toBe('Showing the preview only (1024 of 5000 bytes): the body was trimmed to stay within budget.');
  });

  it('has no notes for a whole payload', async () => {
    capture.value = captureOf([
      create(1, T0),
      { k: 'msg', conn: 1, t: T0, dir: 'send', binary: false, size: 2, preview: 'hi', complete: true },
    ]);
    view = mount(<DetailPane fetchPayload={() => Promise.reject(new Error('not expected'))} />);
    selectedRow.value = capture.value.rows[1];
    await settle();
    expect(notes()).toBe('');
    expect(byRole(view.root, 'tabpanel').textContent).toBe('hi');
  });
});
