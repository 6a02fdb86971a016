/**
 * Saved messages per origin, kept in extension storage behind a two-method interface so that
 * tests use an in-memory store. What storage returns is checked, not trusted.
 */
import { isPayloadFormat, type PayloadFormat } from './payload-format';

export interface KeyValueStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export interface Snippet {
  name: string;
  format: PayloadFormat;
  text: string;
}

export const MAX_SNIPPETS = 200;
export const MAX_SNIPPET_NAME = 100;

const keyFor = (origin: string) => `snippets:${origin}`;

/** The origin snippets are filed under: the page's (frame URL), else the socket URL's. */
export function snippetOrigin(connection: { frameUrl: string; url: string }): string {
  for (const candidate of [connection.frameUrl, connection.url]) {
    try {
      const origin = new URL(candidate).origin;
      if (origin && origin !== 'null') return origin;
    } catch {
      // not a URL (e.g. "(created before capture)"): try the next one
    }
  }
  return '';
}

const isSnippet = (v: unknown): v is Snippet => {
  const s = v as Snippet;
  return typeof s === 'object' && s !== null && typeof s.name === 'string' && typeof s.text === 'string' && isPayloadFormat(s.format);
};

export async function loadSnippets(storage: KeyValueStorage, origin: string): Promise<Snippet[]> {
  const stored = await storage.get(keyFor(origin));
  return Array.isArray(stored) ? stored.filter(isSnippet).slice(0, MAX_SNIPPETS) : [];
}

/** Why a name cannot be used, or null. */
export function snippetNameError(name: string): string | null {
  if (name.trim() === '') return 'Enter a snippet name first.';
  if (name.length > MAX_SNIPPET_NAME) return `The snippet name is too long (at most ${MAX_SNIPPET_NAME} characters).`;
  return null;
}

/** Saves (or replaces, by name) a snippet; returns the new list, sorted by name. */
export async function saveSnippet(storage: KeyValueStorage, origin: string, snippet: Snippet): Promise<Snippet[]> {
  const others = (await loadSnippets(storage, origin)).filter((s) => s.name !== snippet.name);
  if (others.length >= MAX_SNIPPETS) throw new Error(`At most ${MAX_SNIPPETS} snippets per origin: delete one first.`);
  const next = [...others, snippet].sort((a, b) => a.name.localeCompare(b.name));
  await storage.set(keyFor(origin), next);
  return next;
}

export async function deleteSnippet(storage: KeyValueStorage, origin: string, name: string): Promise<Snippet[]> {
  const next = (await loadSnippets(storage, origin)).filter((s) => s.name !== name);
  await storage.set(keyFor(origin), next);
  return next;
}

/** For tests and for pages opened outside the extension. */
export function createMemoryStorage(): KeyValueStorage & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => {
      data.set(key, structuredClone(value));
    },
  };
}
