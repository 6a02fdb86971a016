import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActionsDrawer } from '../../../src/panel/actions/ActionsDrawer';
import { draft, reconnectRun, refuseRules } from '../../../src/panel/actions/action-state';
import { DEFAULT_DRAWER_HEIGHT, drawerHeight } from '../../../src/panel/actions/drawer-height';
import { drawerOpen } from '../../../src/panel/actions/drawer-open';
import { createMemoryStorage } from '../../../src/panel/actions/snippets';
import { DEFAULT_FILTER } from '../../../src/panel/state/filter';
import type { Capture } from '../../../src/panel/state/model';
import { capture, filter, version } from '../../../src/panel/state/store';
import type { ToRelay } from '../../../src/shared/protocol';
import { script } from './fixtures';

const WS = 'wss://api.example/socket';
let root: HTMLElement;
let sent: ToRelay[];
const commands = () => sent.filter((m) => m.type === 'command').map((m) => (m.type === 'command' ? m.command : null));

/** A control by its accessible name: aria-label, else a button's text. */
function control<T extends HTMLElement = HTMLButtonElement>(name: string): T {
  const all = [...root.querySelectorAll<HTMLElement>('button, input, select, textarea')];
  const found = all.find(
    (el) =>
      el.getAttribute('aria-label') === name ||
      (el.tagName === 'BUTTON' && !el.hasAttribute('aria-label') && el.textContent?.trim() === name),
  );
  if (!found) throw new Error(`no control named ${name}`);
  return found as T;
}
const alerts = () => [...root.querySelectorAll('[role=alert]')].map((el) => el.textContent);
const statusText = () => root.querySelector('[role=status]')?.textContent;

/** Renders the drawer on `cap` and opens it (it starts closed), as a user would before acting. */
async function mount(cap: Capture, connection = 'doc1:1', open = true) {
  capture.value = cap;
  filter.value = { ...DEFAULT_FILTER, connection };
  version.value++;
  await act(() => render(<ActionsDrawer send={(m) => sent.push(m)} storage={storage} />, root));
  if (open && !drawerOpen.value) await click('Actions');
}
const rulesText = () => [...root.querySelectorAll('[aria-label="Refusal rules"] li span')].map((el) => el.textContent);
async function type(name: string, value: string) {
  const el = control<HTMLInputElement>(name);
  await act(() => {
    el.value = value;
    el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  });
}
const click = (name: string) => act(() => control(name).click());
/** Clicks, then lets storage promises settle. */
const clickAndSettle = (name: string) =>
  act(async () => {
    control(name).click();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
const openSocket = () => script().create(1, 0, WS).open(1, 10).build();
let storage = createMemoryStorage();

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  sent = [];
  storage = createMemoryStorage();
  draft.value = { text: '', format: 'text' };
  refuseRules.value = [];
  reconnectRun.value = null;
  drawerOpen.value = false;
  drawerHeight.value = DEFAULT_DRAWER_HEIGHT;
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

describe('ActionsDrawer', () => {
  it('sends and injects, with a transient status', async () => {
    await mount(openSocket());
    await type('Message', 'héllo');
    await click('Send to server');
    await type('Format', 'hex');
    await type('Message', 'de ad');
    await click('Inject as received');
    expect(commands()).toEqual([
      { c: 'send', id: 1, text: 'héllo' },
      { c: 'receive', id: 1, base64: '3q0=' },
    ]);
    expect(sent.find((m) => m.type === 'command')).toMatchObject({ frame: 'doc1' });
    expect(statusText()).toBe('Injected 2 bytes as received');
  });

  it('sends with Ctrl+Enter in the editor', async () => {
    await mount(openSocket());
    await type('Message', 'ping');
    await act(() => {
      control('Message').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    });
    expect(commands()).toEqual([{ c: 'send', id: 1, text: 'ping' }]);
  });

  it('sends a draft that came from a captured row with that row, edited or not; an emptied editor starts afresh', async () => {
    draft.value = { text: 'hello', format: 'text', from: { frame: 'doc1', seq: 3 } };
    await mount(openSocket());
    await type('Message', 'hello again');
    await click('Send to server');
    await click('Inject as received'); // an injected receive has no origin to point to
    await type('Message', '');
    await type('Message', 'new');
    await click('Send to server');
    expect(commands()).toEqual([
      { c: 'send', id: 1, text: 'hello again', from: { frame: 'doc1', seq: 3 } },
      { c: 'receive', id: 1, text: 'hello again' },
      { c: 'send', id: 1, text: 'new' },
    ]);
  });

  it('shows JSON errors instead of sending, and pretty-prints', async () => {
    await mount(openSocket());
    await type('Format', 'json');
    await type('Message', '{"a":');
    expect(alerts()[0]).toMatch(/^Invalid JSON at line 1, column 6/);
    await click('Send to server');
    expect(commands()).toEqual([]);
    await type('Message', '{"a":[1]}');
    await click('Pretty-print');
    expect(control<HTMLTextAreaElement>('Message').value).toBe('{\n  "a": [\n    1\n  ]\n}');
  });

  it('validates close like the browser, then closes; drops', async () => {
    await mount(openSocket());
    await type('Close code', '1001');
    await click('Close connection');
    expect(alerts()).toEqual(['InvalidAccessError: The close code must be either 1000, or between 3000 and 4999. 1001 is neither.']);
    await type('Close code', '4001');
    expect(alerts()).toEqual([]); // editing a field clears its group's error
    await type('Close reason', 'bye');
    await click('Close connection');
    await click('Drop connection');
    expect(commands()).toEqual([
      { c: 'close', id: 1, code: 4001, reason: 'bye' },
      { c: 'drop', id: 1 },
    ]);
  });

  it('acts on a WebSocketStream by send, inject and close, and says why it cannot drop one', async () => {
    const stream = openSocket();
    const connection = stream.connections.get('doc1:1');
    if (connection) connection.api = 'stream';
    await mount(stream);
    expect(control('Send to server').disabled).toBe(false);
    expect(control('Inject as received').disabled).toBe(false);
    expect(control('Close connection').disabled).toBe(false);
    expect(control('Drop connection').disabled).toBe(true);
    expect(control('Drop and refuse reconnects').disabled).toBe(true);
    const note = root.querySelector(`#${control('Drop connection').getAttribute('aria-describedby')}`);
    expect(note?.textContent).toContain('Drop is unavailable on connection #1, a WebSocketStream');
    expect(control('Drop and refuse reconnects').getAttribute('aria-describedby')).toBe(note?.id);
    await type('Close code', '4001');
    await click('Close connection');
    expect(commands()).toEqual([{ c: 'close', id: 1, code: 4001 }]);
  });

  it('drops and refuses reconnects: rules first, then the drop, then a report', async () => {
    await mount(openSocket());
    expect(control<HTMLInputElement>('URL pattern').value).toBe(WS);
    await type('Refuse by', 'attempts');
    await type('Refuse count', '3');
    await click('Drop and refuse reconnects');
    expect(sent.slice(-2)).toEqual([
      { type: 'rules', rules: [{ id: expect.any(Number), pattern: WS, attempts: 3 }] },
      { type: 'command', frame: 'doc1', command: { c: 'drop', id: 1 } },
    ]);
    expect(root.querySelector('[aria-label="Reconnection report"]')?.textContent).toContain('No reconnection attempt yet');
  });

  it('turns offline mode on and off', async () => {
    await mount(openSocket());
    await type('Offline pattern', 'api.example');
    await act(() => control('Offline mode').click());
    expect(sent.at(-1)).toEqual({ type: 'rules', rules: [{ id: expect.any(Number), pattern: 'api.example' }] });
    expect(control<HTMLInputElement>('Offline mode').checked).toBe(true);
    await act(() => control('Offline mode').click());
    expect(sent.at(-1)).toEqual({ type: 'rules', rules: [] });
  });

  it('explains why actions are unavailable on a closed connection or a read-only import', async () => {
    await mount(script().create(1, 0, WS).open(1, 10).close(1, 20, 1000).build());
    expect(control('Send to server').disabled).toBe(true);
    expect(control('Drop and refuse reconnects').disabled).toBe(true);
    expect(root.textContent).toContain('Connection #1 is closed');
    expect(control<HTMLInputElement>('Offline mode').disabled).toBe(false);
    const imported = openSocket();
    imported.readOnly = true;
    await mount(imported);
    expect(control('Close connection').disabled).toBe(true);
    expect(control<HTMLInputElement>('Offline mode').disabled).toBe(true);
    expect(root.textContent).toContain('read-only import');
  });

  it('offers its own connection picker when the toolbar shows all connections', async () => {
    await mount(script().create(1, 0, WS).open(1, 10).create(2, 20, `${WS}2`).open(2, 30).build(), 'all');
    expect(control<HTMLSelectElement>('Target connection').value).toBe('doc1:2');
    await type('Target connection', 'doc1:1');
    await type('Message', 'x');
    await click('Send to server');
    expect(commands()).toEqual([{ c: 'send', id: 1, text: 'x' }]);
  });

  it('saves, sends, loads and deletes snippets for the origin', async () => {
    await mount(openSocket());
    await type('Message', '{"op":"join"}');
    await type('Snippet name', 'join');
    await clickAndSettle('Save snippet');
    expect([...root.querySelectorAll('[role=list] li')].map((li) => li.querySelector('.snippet-name')?.textContent)).toEqual(['join']);
    expect(storage.data.get('snippets:https://app.example')).toEqual([{ name: 'join', format: 'text', text: '{"op":"join"}' }]);
    await type('Message', '');
    await click('Send snippet join');
    expect(commands()).toEqual([{ c: 'send', id: 1, text: '{"op":"join"}' }]);
    await click('Load snippet join');
    expect(control<HTMLTextAreaElement>('Message').value).toBe('{"op":"join"}');
    await clickAndSettle('Delete snippet join');
    expect(root.querySelectorAll('[role=list] li')).toHaveLength(0);
  });

  it('starts closed, and keeps the open or closed choice for the next session', async () => {
    await mount(openSocket(), 'doc1:1', false);
    expect(control('Actions').getAttribute('aria-expanded')).toBe('false');
    expect(root.querySelector('.actions-body')).toBeNull();
    await clickAndSettle('Actions');
    expect(control('Actions').getAttribute('aria-expanded')).toBe('true');
    expect(control('Send to server')).toBeDefined();
    expect(storage.data.get('actions:drawer-open')).toBe(true);

    render(null, root); // a new panel session with the same storage
    drawerOpen.value = false;
    await act(() => render(<ActionsDrawer send={(m) => sent.push(m)} storage={storage} />, root));
    await act(() => new Promise((resolve) => setTimeout(resolve, 0))); // the stored choice is read
    expect(control('Actions').getAttribute('aria-expanded')).toBe('true');
    await clickAndSettle('Actions');
    expect(storage.data.get('actions:drawer-open')).toBe(false);
  });

  it('keeps the height set with its splitter for the next session, shown within the room the panel has', async () => {
    await mount(openSocket());
    const section = () => root.querySelector<HTMLElement>('section[aria-label=Actions]')!;
    const splitter = () => root.querySelector<HTMLElement>('[role=separator][aria-label="Resize actions"]')!;
    expect(section().style.height).toBe(`${DEFAULT_DRAWER_HEIGHT}px`);
    await act(() => {
      splitter().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    });
    expect(section().style.height).toBe(`${DEFAULT_DRAWER_HEIGHT - 10}px`);
    expect(splitter().getAttribute('aria-valuenow')).toBe(String(DEFAULT_DRAWER_HEIGHT - 10));
    expect(storage.data.get('actions:drawer-height')).toBe(DEFAULT_DRAWER_HEIGHT - 10);

    render(null, root); // a new panel session with the same storage
    drawerHeight.value = DEFAULT_DRAWER_HEIGHT;
    await act(() => render(<ActionsDrawer send={(m) => sent.push(m)} storage={storage} />, root));
    await act(() => new Promise((resolve) => setTimeout(resolve, 0))); // the stored height is read
    expect(section().style.height).toBe(`${DEFAULT_DRAWER_HEIGHT - 10}px`);

    // A height taller than this panel allows is shown at the limit (happy-dom lays nothing out, so
    // the limit is the first guess, half the window), and stays the choice for a taller panel.
    await act(() => {
      drawerHeight.value = 5000;
    });
    expect(section().style.height).toBe(`${Math.floor(window.innerHeight / 2)}px`);
    expect(splitter().getAttribute('aria-valuemax')).toBe(String(Math.floor(window.innerHeight / 2)));
    expect(drawerHeight.value).toBe(5000);
  });

  it('lists the rules live: a time rule counts down and leaves within a second of its end', async () => {
    const now = Date.now();
    vi.useFakeTimers({ now });
    refuseRules.value = [{ id: 1, pattern: WS, until: now + 3000 }];
    await mount(openSocket());
    expect(rulesText()).toEqual([`Refuse ${WS} for 3 s more`]);
    await act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(rulesText()).toEqual([`Refuse ${WS} for 2 s more`]);
    await act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(rulesText()).toEqual([]);
    expect(sent.at(-1)).toEqual({ type: 'rules', rules: [] }); // the pages learn it too
  });

  it('shows the attempts the page reports left, and says while closed that rules are active', async () => {
    refuseRules.value = [{ id: 7, pattern: WS, attempts: 3 }];
    await mount(openSocket());
    expect(rulesText()).toEqual([`Refuse ${WS}: 3 attempts left`]);
    capture.value = script().create(1, 0, WS).open(1, 10).create(2, 20, WS).refused(2, 21, { id: 7, attempts: 2 }).build();
    await act(() => {
      version.value++;
    });
    expect(rulesText()).toEqual([`Refuse ${WS}: 2 attempts left`]);
    expect(sent.at(-1)).toEqual({ type: 'rules', rules: [{ id: 7, pattern: WS, attempts: 2 }] });
    await click('Actions');
    expect(root.querySelector('.actions-head')?.textContent).toContain('1 refusal rule active');
  });
});
