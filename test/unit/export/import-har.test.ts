import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHar } from '../../../src/panel/export/har';
import { buildCaptureSync } from '../../../src/panel/import/build-capture';
import { sessionFromDocument, sessionFromText } from '../../../src/panel/import/detect';
import type { Row } from '../../../src/panel/state/model';
import { fakeFetch, fixtureCapture, messages } from './fixture';
import { exportInput } from './helpers';

const chromeHar = readFileSync(join(import.meta.dirname, '../../fixtures/har/chrome-websocket.har'), 'utf8');
const brief = (r: Row) => (r.k === 'msg' ? `${r.dir}:${r.binary ? 'bin' : 'txt'}:${r.size}:${r.preview}` : r.k);

describe('HAR import', () => {
  it('reads a Chrome DevTools HAR: WebSocket entries only, text and binary messages', () => {
    const session = sessionFromText(chromeHar);
    expect(session.source).toBe('HAR');
    expect(session.notes).toEqual(['3 non-WebSocket entries ignored']);
    const capture = buildCaptureSync(session);
    expect(capture.readOnly).toBe(true);
    const list = [...capture.connections.values()];
    expect(list.map((c) => [c.ordinal, c.url, c.state])).toEqual([
      [1, 'ws://localhost:8080/socket?room=lobby', 'open'],
      [2, 'ws://localhost:9/refused', 'connecting'],
    ]);
    expect(list[0]).toMatchObject({
      protocols: ['chat', 'superchat'],
      protocol: 'chat',
      extensions: 'permessage-deflate',
      frameUrl: 'http://localhost:8080/chat',
      createdAt: Date.parse('2024-05-01T12:34:50.250Z'),
      openedAt: Date.parse('2024-05-01T12:34:50.250Z') + 4.377,
      sent: { messages: 3, bytes: 43 + 4 + 0 },
      received: { messages: 3, bytes: 39 + 4 + 10 },
    });
    const rows = capture.rows.filter((r) => r.conn === 1);
    expect(rows.map(brief)).toEqual([
      'create',
      'open',
      'send:txt:43:{"type":"join","room":"lobby","name":"ana"}',
      'recv:txt:39:{"type":"welcome","users":["ana","bo"]}',
      'recv:bin:4:AAEC/w==',
      'send:bin:4:3q2+7w==',
      'recv:txt:10:héllo ✓',
      'send:txt:0:',
    ]);
    // Imported payloads are whole: the details pane shows them without asking a relay.
    for (const r of rows) if (r.k === 'msg') expect(r.complete).toBe(true);
    expect(rows[2].t).toBeCloseTo(1714566890263.519, 3);
    expect(capture.frames.get('har-1')?.info.url).toBe('http://localhost:8080/chat');
  });

  it('reads back its own HAR export', async () => {
    const original = fixtureCapture();
    const har = JSON.parse(JSON.stringify(buildHar(await exportInput(original, { fetchPayload: fakeFetch }))));
    const capture = buildCaptureSync(sessionFromDocument(har));
    const urls = [...capture.connections.values()].map((c) => c.url);
    expect(urls).toEqual([...original.connections.values()].map((c) => c.url));
    const originalMessages = messages(original.rows);
    const imported = messages(capture.rows);
    expect(imported.map((r) => [r.dir, r.size, r.binary])).toEqual(originalMessages.map((r) => [r.dir, r.size, r.binary]));
    const trimmed = imported.find((r) => r.hash)!;
    expect(trimmed).toMatchObject({ complete: false, size: 5_000_000, hash: 'fnv1a-0badc0de' });
    const first = [...capture.connections.values()][0];
    expect(first).toMatchObject({ state: 'closed', close: { code: 1000, reason: 'bye', wasClean: true } });
  });

  it.each([
    ['no log', '{"log":{}}', /log\.entries: expected array/],
    ['no WebSocket entry', '{"log":{"entries":[{"request":{"url":"http://a"}}]}}', /no WebSocket entries/],
    [
      'a bad date',
      '{"log":{"entries":[{"_resourceType":"websocket","request":{"url":"ws://a"},"startedDateTime":"soon"}]}}',
      /startedDateTime: expected an ISO date/,
    ],
    [
      'bad base64',
      '{"log":{"entries":[{"_resourceType":"websocket","request":{"url":"ws://a"},"startedDateTime":"2024-01-01T00:00:00Z","_webSocketMessages":[{"type":"receive","time":1,"opcode":2,"data":"<b>"}]}]}}',
      /_webSocketMessages\[0\]\.data: expected base64/,
    ],
    [
      'a bad message',
      '{"log":{"entries":[{"_resourceType":"websocket","request":{"url":"ws://a"},"startedDateTime":"2024-01-01T00:00:00Z","_webSocketMessages":[{"type":"send","time":"x","opcode":1,"data":""}]}]}}',
      /_webSocketMessages\[0\]\.time: expected a finite number/,
    ],
  ])('rejects %s with a clear error', (_name, text, error) => {
    expect(() => buildCaptureSync(sessionFromText(text))).toThrow(error);
  });

  it('skips control frames and counts them', () => {
    const har = JSON.parse(chromeHar);
    har.log.entries[2]._webSocketMessages.push({ type: 'receive', time: 1714566893, opcode: 9, data: '' });
    const session = sessionFromDocument(har);
    expect(session.notes).toContain('1 control frame(s) skipped');
  });
});
