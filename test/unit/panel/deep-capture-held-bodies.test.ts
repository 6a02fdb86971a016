/** The panel's hold on worker bodies: answered locally, bounded, and a trimmed one says why it is gone. */
import { describe, expect, it } from 'vitest';
import { HeldBodies } from '../../../src/panel/deep-capture/held-bodies';

describe('HeldBodies', () => {
  it('answers for worker documents only, and trims the oldest past its budget, counted', () => {
    const held = new HeldBodies(10);
    held.hold('worker-1', [{ seq: 1, body: { base64: 'AAAA' } }]);
    expect(held.get('worker-1', 1)).toEqual({ base64: 'AAAA' });
    expect(held.get('doc-1', 1)).toBeNull(); // a document's body: the relay answers
    held.hold('worker-1', [{ seq: 2, body: { base64: 'BBBBBBBB' } }]);
    expect(held.trimmed).toBe(1);
    expect(held.get('worker-1', 1)).toEqual({ missing: expect.stringContaining('memory budget') });
    expect(held.get('worker-1', 2)).toEqual({ base64: 'BBBBBBBB' });
  });
});
