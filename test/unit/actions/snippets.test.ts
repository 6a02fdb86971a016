import { describe, expect, it } from 'vitest';
import {
  createMemoryStorage,
  deleteSnippet,
  loadSnippets,
  saveSnippet,
  snippetNameError,
  snippetOrigin,
} from '../../../src/panel/actions/snippets';

const ORIGIN = 'https://app.example';

describe('snippets', () => {
  it('saves, lists by name, replaces by name and deletes', async () => {
    const storage = createMemoryStorage();
    expect(await loadSnippets(storage, ORIGIN)).toEqual([]);
    await saveSnippet(storage, ORIGIN, { name: 'ping', format: 'text', text: 'ping' });
    const list = await saveSnippet(storage, ORIGIN, { name: 'join', format: 'json', text: '{"op":"join"}' });
    expect(list.map((s) => s.name)).toEqual(['join', 'ping']);
    await saveSnippet(storage, ORIGIN, { name: 'ping', format: 'hex', text: '01 02' });
    expect(await loadSnippets(storage, ORIGIN)).toEqual([
      { name: 'join', format: 'json', text: '{"op":"join"}' },
      { name: 'ping', format: 'hex', text: '01 02' },
    ]);
    expect((await deleteSnippet(storage, ORIGIN, 'join')).map((s) => s.name)).toEqual(['ping']);
  });

  it('keeps each origin apart', async () => {
    const storage = createMemoryStorage();
    await saveSnippet(storage, ORIGIN, { name: 'a', format: 'text', text: '1' });
    expect(await loadSnippets(storage, 'https://other.example')).toEqual([]);
    expect([...storage.data.keys()]).toEqual(['snippets:https://app.example']);
  });

  it('ignores malformed stored data', async () => {
    const storage = createMemoryStorage();
    await storage.set(`snippets:${ORIGIN}`, [
      { name: 'ok', format: 'text', text: 'x' },
      { name: 1 },
      null,
      { name: 'bad', format: 'exe', text: '' },
    ]);
    expect(await loadSnippets(storage, ORIGIN)).toEqual([{ name: 'ok', format: 'text', text: 'x' }]);
    await storage.set(`snippets:${ORIGIN}`, 'not a list');
    expect(await loadSnippets(storage, ORIGIN)).toEqual([]);
  });

  it('reports storage failures to the caller', async () => {
    const failing = { get: async () => [], set: async () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')) };
    await expect(saveSnippet(failing, ORIGIN, { name: 'a', format: 'text', text: 'x' })).rejects.toThrow('QUOTA_BYTES');
  });

  it('files snippets under the page origin, else the socket origin', () => {
    expect(snippetOrigin({ frameUrl: 'https://app.example/chat?x=1', url: 'wss://api.example/ws' })).toBe(ORIGIN);
    expect(snippetOrigin({ frameUrl: 'about:blank', url: 'wss://api.example/ws' })).toBe('wss://api.example');
    expect(snippetOrigin({ frameUrl: '', url: '(created before capture)' })).toBe('');
  });

  it('requires a name', () => {
    expect(snippetNameError('  ')).toMatch(/name/);
    expect(snippetNameError('join room')).toBeNull();
  });
});
