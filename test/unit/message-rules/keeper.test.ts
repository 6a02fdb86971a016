import { signal } from '@preact/signals';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../src/panel/actions/snippets';
import { commitRules, countHits, followOrigin } from '../../../src/panel/message-rules/keeper';
import { inspectedOrigin } from '../../../src/panel/message-rules/origin';
import { messageRules, ruleHits, rulesOrigin } from '../../../src/panel/message-rules/state';
import { saveMessageRules } from '../../../src/panel/message-rules/storage';
import { makeRoomForEditor, overviewHeight } from '../../../src/panel/overview-state';
import { capture, version } from '../../../src/panel/state/store';
import { captureOf, doc, sent, T0 } from '../panel/fixtures';
import { delayChat, dropHello } from './fixtures';

const settled = () => new Promise((done) => setTimeout(done, 0));
const stops: (() => void)[] = [];

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  messageRules.value = [];
  rulesOrigin.value = null;
});

describe('the inspected origin', () => {
  it('is the newest top document’s, never a worker’s or an iframe’s', () => {
    const frames = new Map(
      [
        { ...doc('old', T0), url: 'https://old.test/a' },
        { ...doc('new', T0 + 5), url: 'https://app.test:8443/chat?x=1' },
        { ...doc('frame', T0 + 9, false), url: 'https://ads.test/' },
        { ...doc('worker', T0 + 9), url: 'https://cdn.test/w.js', worker: 'dedicated worker' as const },
      ].map((info) => [
        info.key,
        { info, lastSeq: 0, missing: 0, counters: { rejected: 0, faults: 0, trimmedBodies: 0, trimmedBytes: 0, droppedEvents: 0 } },
      ]),
    );
    expect(inspectedOrigin({ frames })).toBe('https://app.test:8443');
    expect(inspectedOrigin({ frames: new Map() })).toBeNull();
  });
});

describe('rules follow the origin', () => {
  it('reads each origin’s rules, empties the list while they load, and saves edits under the origin', async () => {
    const storage = createMemoryStorage();
    await saveMessageRules(storage, 'https://a.test', [dropHello]);
    const origin = signal<string | null>(null);
    stops.push(followOrigin(storage, () => origin.value));
    origin.value = 'https://a.test';
    expect(rulesOrigin.value).toBeNull();
    await settled();
    expect([rulesOrigin.value, messageRules.value]).toEqual(['https://a.test', [dropHello]]);

    commitRules([dropHello, delayChat]);
    await settled();
    origin.value = 'https://b.test';
    expect(messageRules.value).toEqual([]); // a's rules never act on b
    await settled();
    expect(rulesOrigin.value).toBe('https://b.test');
    expect(messageRules.value).toEqual([]);

    origin.value = 'https://a.test';
    await settled();
    expect(messageRules.value).toEqual([dropHello, delayChat]);
  });
});

describe('hits', () => {
  it('are counted as rows arrive, and again from the start for a new capture', () => {
    capture.value = captureOf([{ ...sent(1, T0, 'hello'), fx: { rule: 1, kind: 'dropped' } }]);
    stops.push(countHits());
    expect(ruleHits.value.get(1)).toEqual({ hits: 1 });
    capture.value.rows.push({ ...capture.value.rows[0], seq: 2 });
    version.value++; // what markChanged does a frame later
    expect(ruleHits.value.get(1)).toEqual({ hits: 2 });
    capture.value = captureOf([]);
    expect(ruleHits.value.get(1)).toBeUndefined();
  });
});

describe('room for the editor', () => {
  it('grows the top pane to show the editor, within 60 % of the window, and never shrinks it', () => {
    overviewHeight.value = 140;
    makeRoomForEditor(1000);
    expect(overviewHeight.value).toBe(300);
    overviewHeight.value = 140;
    makeRoomForEditor(400);
    expect(overviewHeight.value).toBe(240);
    overviewHeight.value = 500;
    makeRoomForEditor(1000);
    expect(overviewHeight.value).toBe(500);
    overviewHeight.value = 140;
  });
});
