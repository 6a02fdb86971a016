import { describe, expect, it } from 'vitest';
import { toPage } from '../../../src/shared/page-commands';
import { checker } from '../../../src/shared/validate';
import { fromWorker, toRelayFromBackground, toWorker, workerReport } from '../../../src/shared/worker-link';

const name = '0123456789abcdef0123456789abcdef';

describe('worker capture messages', () => {
  it('accepts what the background, the hooks and the relay write', () => {
    expect(checker(toRelayFromBackground)({ type: 'worker-channel', name }, 'm')).toEqual({ type: 'worker-channel', name });
    expect(checker(toPage)({ c: 'worker-channel', name }, 'm')).toEqual({ c: 'worker-channel', name });
    const batch = { ss: 'batch', w: 'k', to: 'l', url: 'http://a.test/w.js', kind: 'dedicated worker', events: [{ k: 'open' }] };
    expect(checker(fromWorker)(batch, 'm')).toEqual(batch);
    expect(checker(toWorker)({ ss: 'listen', l: 'l' }, 'm')).toEqual({ ss: 'listen', l: 'l' });
    expect(checker(workerReport)({ w: 'k', url: 'u', kind: 'shared worker', gone: true }, 'm')).toEqual({
      w: 'k',
      url: 'u',
      kind: 'shared worker',
      gone: true,
    });
  });

  it('refuses a channel name that is not 32 hex characters', () => {
    for (const bad of ['', name.toUpperCase(), `${name}0`, name.replace('a', 'g'), 'socketscope-x', 42]) {
      expect(() => checker(toRelayFromBackground)({ type: 'worker-channel', name: bad }, 'm')).toThrow();
      expect(() => checker(toPage)({ c: 'worker-channel', name: bad }, 'm')).toThrow();
    }
  });

  it('refuses a worker kind or a report it does not know', () => {
    expect(() => checker(workerReport)({ w: 'k', url: 'u', kind: 'service worker' }, 'm')).toThrow();
    expect(() => checker(fromWorker)({ ss: 'batch', w: 'k', url: 'u', kind: 'dedicated worker', events: [] }, 'm')).toThrow();
  });
});
