import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_PATIENCE_MS } from '../../../src/panel/holds/HeldMessageGroup';
import { MAX_LISTED, PausedMessages } from '../../../src/panel/holds/PausedMessages';
import { ingestEvents } from '../../../src/panel/state/ingest';
import type { Capture } from '../../../src/panel/state/model';
import { backToLive, openImported } from '../../../src/panel/state/session';
import { capture, version } from '../../../src/panel/state/store';
import type { PayloadBody, ToRelay } from '../../../src/shared/protocol';
import { allByRole, byRole, mount, settle } from '../panel/dom';
import { captureOf, create, doc, noCounters, numbered, open, T0 } from '../panel/fixtures';
import { answered, heldBytes, heldLong, heldText } from './fixtures';

let view: ReturnType<typeof mount> | null = null;
let relayed: ToRelay[] = [];
let bodies: Map<number, PayloadBody>;
const fetchPayload = async (_frame: string, seq: number): Promise<PayloadBody> => bodies.get(seq) ?? { missing: 'not in this fixture' };

function show(next: Capture) {
  act(() => {
    capture.value = next;
    version.value++;
  });
}

/** Events arriving from the relay for document "page", numbered from `first`. */
function arrive(events: Parameters<typeof numbered>[0], first: number) {
  act(() => {
    ingestEvents(capture.value, doc('page'), numbered(events, first), noCounters());
    version.value++;
  });
}

beforeEach(() => {
  relayed = [];
  bodies = new Map();
  show(captureOf([create(1, T0), open(1, T0 + 1), create(2, T0 + 2), open(2, T0 + 3)]));
  view = mount(<PausedMessages fetchPayload={fetchPayload} send={(m) => relayed.push(m)} />);
});

afterEach(() => {
  view?.unmount();
  view = null;
  vi.useRealTimers();
});

const bar = () => byRole(view!.root, 'region', 'Paused messages');
const groups = () => allByRole(view!.root, 'group').map((g) => g.getAttribute('aria-label'));
const group = (hold: number) => byRole(view!.root, 'group', `Held message ${hold}`);
const textbox = (hold: number, name = 'Held message text') =>
  group(hold).querySelector<HTMLTextAreaElement>(`textarea[aria-label="${name}"]`)!;
const button = (hold: number, name: string) => byRole(group(hold), 'button', name) as HTMLButtonElement;

function type(box: HTMLTextAreaElement, text: string) {
  act(() => {
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the paused-messages bar', () => {
  it('is absent without holds, and lists each held message oldest first with its connection, direction and text', () => {
    expect(view!.root.querySelector('[aria-label="Paused messages"]')).toBeNull();
    arrive([heldText(2, T0 + 10, 1, '{"op":"buy"}'), heldText(1, T0 + 11, 2, 'pong', 'recv')], 5);
    expect(bar().querySelector('[role=status]')?.textContent).toBe('2 paused messages');
    expect(groups()).toEqual(['Held message 1', 'Held message 2']);
    expect(group(1).textContent).toContain('#2, outgoing (page → server)');
    expect(group(2).textContent).toContain('#1, incoming (server → page)');
    expect(textbox(1).value).toBe('{"op":"buy"}');
    expect(button(1, 'Forward edited').disabled).toBe(true);
  });

  it('forwards, forwards edited and drops with the hold command for that document, and a group leaves when the page records the answer', async () => {
    arrive([heldText(1, T0 + 10, 1, 'one'), heldText(1, T0 + 11, 2, 'two'), heldText(1, T0 + 12, 3, 'three')], 5);
    act(() => button(1, 'Forward').click());
    type(textbox(2), 'two, edited');
    expect(button(2, 'Forward edited').disabled).toBe(false);
    act(() => button(2, 'Forward edited').click());
    act(() => button(3, 'Drop message').click());
    expect(relayed).toEqual([
      { type: 'command', frame: 'page', command: { c: 'hold', id: 1, hold: 1, decision: 'forward' } },
      { type: 'command', frame: 'page', command: { c: 'hold', id: 1, hold: 2, decision: 'edited', text: 'two, edited' } },
      { type: 'command', frame: 'page', command: { c: 'hold', id: 1, hold: 3, decision: 'drop' } },
    ]);
    // In flight: marked busy, and a second click sends nothing more.
    expect(group(1).getAttribute('aria-busy')).toBe('true');
    expect(group(1).textContent).toContain('Forwarding…');
    act(() => button(1, 'Drop message').click());
    expect(relayed).toHaveLength(3);

    arrive([answered(1, T0 + 20, 1, 'one'), answered(1, T0 + 21, 2, 'two, edited', 'edited')], 8);
    expect(groups()).toEqual(['Held message 3']);
    expect(bar().querySelector('[role=status]')?.textContent).toBe('1 paused message');
    arrive([answered(1, T0 + 22, 3, 'three', 'dropped')], 10);
    expect(view!.root.querySelector('[aria-label="Paused messages"]')).toBeNull();
  });

  it('jumps to the oldest held message with Alt+Shift+H, and moves on to the next one once it is answered', async () => {
    arrive([heldText(1, T0 + 10, 1, 'one'), heldText(1, T0 + 11, 2, 'two')], 5);
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyH', key: 'H', altKey: true, shiftKey: true, bubbles: true }));
    });
    expect(document.activeElement).toBe(textbox(1));
    const forward = button(1, 'Forward');
    forward.focus();
    act(() => forward.click());
    arrive([answered(1, T0 + 20, 1, 'one')], 7);
    await settle();
    expect(document.activeElement).toBe(textbox(2));
  });

  it('renders the oldest ones when many wait, and says how many more there are', () => {
    arrive(
      Array.from({ length: MAX_LISTED + 2 }, (_, i) => heldText(1, T0 + 10 + i, i + 1, `message ${i + 1}`)),
      5,
    );
    expect(bar().querySelector('[role=status]')?.textContent).toBe(`${MAX_LISTED + 2} paused messages`);
    expect(groups()).toHaveLength(MAX_LISTED);
    expect(groups()[0]).toBe('Held message 1');
    expect(bar().textContent).toContain('and 2 more: answer the ones above first.');
  });

  it('gives the buttons back when the page records no answer in time', () => {
    vi.useFakeTimers();
    arrive([heldText(1, T0 + 10, 1, 'one')], 5);
    act(() => button(1, 'Forward').click());
    act(() => {
      vi.advanceTimersByTime(ANSWER_PATIENCE_MS);
    });
    expect(group(1).getAttribute('aria-busy')).toBe('false');
    expect(group(1).querySelector('[role=alert]')?.textContent).toMatch(/has not recorded an answer/);
    act(() => button(1, 'Forward').click());
    expect(relayed).toHaveLength(2);
  });

  it('fetches the whole text of a long held message before it can be edited', async () => {
    const whole = `${'x'.repeat(1024)}<tail>`;
    bodies.set(5, { text: whole });
    arrive([heldLong(1, T0 + 10, 1, 'x'.repeat(1024), whole.length)], 5);
    expect(textbox(1).readOnly).toBe(true);
    await settle();
    expect(textbox(1).value).toBe(whole);
    expect(textbox(1).readOnly).toBe(false);
  });

  it('forwards a long message only as it is when its whole body is not available', async () => {
    arrive([heldLong(1, T0 + 10, 1, 'first part', 5_000_000)], 5);
    await settle();
    expect(textbox(1).readOnly).toBe(true);
    expect(group(1).textContent).toMatch(/Only its first part reached the panel .* not edited/);
    expect(button(1, 'Forward').disabled).toBe(false);
    expect(button(1, 'Forward edited').disabled).toBe(true);
  });

  it('edits a binary held message as hex and sends it as base64', () => {
    arrive([heldBytes(1, T0 + 10, 1, [0, 1, 255])], 5);
    const hex = textbox(1, 'Held message bytes (hex)');
    expect(hex.value).toBe('00 01 ff');
    type(hex, 'not hex');
    act(() => button(1, 'Forward edited').click());
    expect(group(1).querySelector('[role=alert]')?.textContent).toMatch(/Invalid hex/);
    expect(relayed).toEqual([]);

    type(hex, '00 01 fe 10');
    act(() => button(1, 'Forward edited').click());
    expect(relayed).toEqual([
      { type: 'command', frame: 'page', command: { c: 'hold', id: 1, hold: 1, decision: 'edited', base64: 'AAH+EA==' } },
    ]);
  });

  it('shows the holds of the capture on screen: an import’s cannot be answered, and the live ones come back after it', () => {
    arrive([heldText(1, T0 + 10, 1, 'live')], 5);
    const imported = captureOf([create(1, T0), heldText(1, T0 + 5, 9, 'from the log')]);
    imported.readOnly = true;
    act(() => openImported(imported, { name: 'log.json', source: 'SocketScope', notes: [] }));
    expect(groups()).toEqual(['Held message 9']);
    expect(group(9).textContent).toContain('read-only import');
    expect(button(9, 'Forward').disabled).toBe(true);
    act(() => backToLive());
    expect(groups()).toEqual(['Held message 1']);
  });

  it('says when the page that held a message went away', () => {
    arrive([heldText(1, T0 + 10, 1, 'old page')], 5);
    act(() => {
      capture.value.preserveLog = true;
      ingestEvents(capture.value, doc('next', T0 + 5000), numbered([create(1, T0 + 5001)]), noCounters());
      version.value++;
    });
    expect(group(1).textContent).toContain('went away');
    expect(button(1, 'Drop message').disabled).toBe(true);
  });

  it('drops the holds of a document a navigation removed (without Preserve log)', () => {
    arrive([heldText(1, T0 + 10, 1, 'old page')], 5);
    act(() => {
      ingestEvents(capture.value, doc('next', T0 + 5000), numbered([create(1, T0 + 5001)]), noCounters());
      version.value++;
    });
    expect(view!.root.querySelector('[aria-label="Paused messages"]')).toBeNull();
  });
});
