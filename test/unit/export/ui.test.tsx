import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportControls } from '../../../src/panel/export/ExportControls';
import { buildJsonLog } from '../../../src/panel/export/json-log';
import { ImportControls } from '../../../src/panel/import/ImportControls';
import { liveCapture } from '../../../src/panel/state/session';
import { capture } from '../../../src/panel/state/store';
import { fakeFetch, fixtureCapture } from './fixture';
import { exportInput } from './helpers';

let root: HTMLElement;

const button = (name: string) => {
  const found = [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);
  if (!found) throw new Error(`no button named ${name}`);
  return found;
};
const byLabel = <T extends Element>(label: string) => root.querySelector<T>(`[aria-label="${label}"]`);
const labelled = (text: string) => [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === text)?.querySelector('input');

function chooseFile(name: string, text: string) {
  const input = byLabel<HTMLInputElement>('Import log file')!;
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  capture.value = fixtureCapture();
  render(
    <div>
      <ExportControls fetchPayload={fakeFetch} />
      <ImportControls />
    </div>,
    root,
  );
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe('export dialog', () => {
  it('has named controls, previews the redaction count and downloads', async () => {
    button('Export…').click();
    await vi.waitFor(() => expect(root.querySelector('[role=dialog][aria-label=Export]')).not.toBeNull());
    for (const name of ['JSON log', 'HAR', 'All events', 'Filtered view']) expect(labelled(name)?.type).toBe('radio');
    expect(labelled('Redact secrets')).toMatchObject({ type: 'checkbox', checked: true });
    const select = byLabel<HTMLSelectElement>('Export connection')!;
    expect([...select.options].map((o) => o.text)).toEqual([
      'All connections',
      '#1 wss://bob:hunter2@api.example/socket?token=s3cr3t-url&room=7',
      '#2 wss://feed.example/live',
      '#3 ws://localhost:9/none',
    ]);
    await vi.waitFor(() =>
      expect(byLabel('Redaction count')?.textContent).toMatch(/^11 values will be masked \(.*2 longer payloads are fetched/),
    );

    select.value = 'frame-sub:1';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(byLabel('Redaction count')?.textContent).toBe('0 values will be masked'));
    labelled('Redact secrets')!.click();
    await vi.waitFor(() => expect(byLabel('Redaction count')?.textContent).toMatch(/Redaction is off/));
    labelled('Redact secrets')!.click();
    select.value = 'all';
    select.dispatchEvent(new Event('change', { bubbles: true }));

    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    button('Download').click();
    await vi.waitFor(() =>
      expect(byLabel('Export result')?.textContent).toMatch(
        /^Saved websocket-logs-.*\.json: 19 events, 12 values masked, 1 payload not whole/,
      ),
    );
    expect(click).toHaveBeenCalledTimes(1);
    const text = await (create.mock.calls[0][0] as Blob).text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text).format).toBe('socketscope-log');
  });

  it('shows progress with a cancel button while fetching payloads', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => (release = r));
    const fetchSlowly = async (frame: string, seq: number) => {
      await slow;
      return fakeFetch(frame, seq);
    };
    render(<ExportControls fetchPayload={fetchSlowly} />, root);
    button('Export…').click();
    await vi.waitFor(() => button('Download'));
    button('Download').click();
    await vi.waitFor(() => expect(root.querySelector('[role=progressbar][aria-label="Export progress"]')).not.toBeNull());
    expect(root.querySelector('[role=progressbar]')!.getAttribute('aria-valuenow')).toBe('0');
    button('Cancel export').click();
    release();
    await vi.waitFor(() => expect(byLabel('Export result')?.textContent).toBe('Export cancelled.'));
    expect(root.querySelector('[role=progressbar]')).toBeNull();
  });
});

describe('import controls', () => {
  it('opens a log read-only, then goes back to the live capture', async () => {
    const live = capture.value;
    const log = JSON.stringify(buildJsonLog(await exportInput(live, { fetchPayload: fakeFetch })));
    chooseFile('session.json', log);
    await vi.waitFor(() => button('Back to live capture'));
    expect(capture.value).not.toBe(live);
    expect(capture.value.readOnly).toBe(true);
    expect(capture.value.rows).toHaveLength(live.rows.length);
    // The relays keep feeding the live capture meanwhile.
    expect(liveCapture()).toBe(live);
    expect(root.textContent).toContain('Viewing session.json (SocketScope log, read-only)');
    button('Back to live capture').click();
    await vi.waitFor(() => expect(root.textContent).not.toContain('Back to live capture'));
    expect(capture.value).toBe(live);
  });

  it('shows a clear error for a bad file', async () => {
    chooseFile('bad.json', '{"format":"socketscope-log","version":1,"frames":[],"connections":[],"events":[{"kind":"send"}]}');
    await vi.waitFor(() =>
      expect(root.querySelector('[role=alert]')?.textContent).toMatch(
        /^Cannot open bad\.json: events\[0\]\.time: expected a finite number/,
      ),
    );
    expect(capture.value.readOnly).toBe(false);
    button('Dismiss import error').click();
    await vi.waitFor(() => expect(root.querySelector('[role=alert]')).toBeNull());
  });
});
