/** Each one-shot message from its real writer to its real reader, over a fake of the browser's one-shot messaging. */
import { describe, expect, it } from 'vitest';
import { answerOneShot, askRelaysToReconnect } from '../../../src/background/one-shot';
import { onReconnectRequest, readWorkerWord } from '../../../src/content/reconnect-request';
import { askBackgroundForHostAccess } from '../../../src/panel/transport/host-access';

/** runtime.onMessage + sendMessage: a JSON copy reaches every listener; the first that returns something answers. */
function createOneShotMessaging() {
  const listeners: ((message: unknown) => unknown)[] = [];
  return {
    onMessage: { addListener: (listener: (message: unknown) => unknown) => listeners.push(listener) },
    async sendMessage(message: unknown): Promise<unknown> {
      const copy = JSON.parse(JSON.stringify(message));
      for (const listener of listeners) {
        const answer = listener(copy);
        if (answer !== undefined) return await answer;
      }
      return undefined;
    },
  };
}

describe('relay-reconnect (background → the relays of one tab)', () => {
  const tabsWithRelays = (...tabIds: number[]) => {
    const byTab = new Map(tabIds.map((tabId) => [tabId, createOneShotMessaging()]));
    const tabs = {
      sendMessage: (tabId: number, message: unknown) =>
        byTab.get(tabId)?.sendMessage(message) ??
        Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
    };
    return { byTab, tabs };
  };

  it('reaches every relay of the tab it names, and only those', async () => {
    const { byTab, tabs } = tabsWithRelays(3, 4);
    const reconnected: string[] = [];
    onReconnectRequest(byTab.get(3)!.onMessage, () => reconnected.push('tab 3, top'));
    onReconnectRequest(byTab.get(3)!.onMessage, () => reconnected.push('tab 3, iframe'));
    onReconnectRequest(byTab.get(4)!.onMessage, () => reconnected.push('tab 4'));
    askRelaysToReconnect(tabs, 3);
    await Promise.resolve();
    expect(reconnected).toEqual(['tab 3, top', 'tab 3, iframe']);
  });

  it('asking a tab without relays (a browser page) fails quietly', async () => {
    const { tabs } = tabsWithRelays();
    expect(() => askRelaysToReconnect(tabs, 9)).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0)); // an unhandled rejection would fail the run here
  });

  it('the relay acts on nothing else and never answers', async () => {
    const messaging = createOneShotMessaging();
    let reconnects = 0;
    onReconnectRequest(messaging.onMessage, () => reconnects++);
    for (const lookAlike of [
      { type: 'relay-reconnect-now' },
      { type: 'host-access' },
      'relay-reconnect',
      null,
      [{ type: 'relay-reconnect' }],
    ]) {
      expect(await messaging.sendMessage(lookAlike)).toBeUndefined();
    }
    expect(reconnects).toBe(0);
    expect(await messaging.sendMessage({ type: 'relay-reconnect', extra: 'ignored' })).toBeUndefined();
    expect(reconnects).toBe(1);
  });
});

describe('host-access (panel → background)', () => {
  const backgroundWith = (granted: boolean) => {
    const runtime = createOneShotMessaging();
    const asked: unknown[] = [];
    const permissions = {
      contains: async (query: { origins: string[] }) => {
        asked.push(query);
        return granted;
      },
    };
    runtime.onMessage.addListener((message) => answerOneShot(message, permissions));
    return { runtime, asked };
  };

  it.each([true, false])('answers whether every site is granted (%s)', async (granted) => {
    const { runtime, asked } = backgroundWith(granted);
    await expect(askBackgroundForHostAccess(runtime)).resolves.toBe(granted);
    expect(asked).toEqual([{ origins: ['<all_urls>'] }]);
  });

  it('the background answers nothing else and leaves it to other listeners', async () => {
    const { runtime, asked } = backgroundWith(true);
    for (const other of [{ type: 'relay-reconnect' }, { type: 'HOST-ACCESS' }, 'host-access', null]) {
      expect(await runtime.sendMessage(other)).toBeUndefined();
    }
    expect(asked).toEqual([]);
  });

  it('the panel refuses an answer that is not a yes or a no', async () => {
    const silent = createOneShotMessaging();
    await expect(askBackgroundForHostAccess(silent)).rejects.toThrow('host-access answer: expected boolean, got undefined');
    const odd = createOneShotMessaging();
    odd.onMessage.addListener(() => Promise.resolve('yes'));
    await expect(askBackgroundForHostAccess(odd)).rejects.toThrow('host-access answer: expected boolean, got string');
  });
});

describe('the background’s word on a document’s workers (Firefox), as the relay’s core reads it', () => {
  it('reads a worker channel’s name, and nothing from a reconnect request or junk', () => {
    const name = '0123456789abcdef0123456789abcdef';
    expect(readWorkerWord({ type: 'worker-channel', name })).toEqual({ type: 'worker-channel', name });
    for (const other of [{ type: 'relay-reconnect' }, { type: 'worker-channel', name: 'x' }, 'worker-channel', null, undefined, 42]) {
      expect(readWorkerWord(other)).toBeNull();
    }
  });
});
