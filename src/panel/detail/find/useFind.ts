/**
 * The Details find's state for one payload: the query, the matches in the view shown (the text, or the
 * JSON tree's nodes), and which one is current. Matching waits for a short pause in typing, so a 100 MB
 * body is searched once per query rather than once per key.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PayloadModel, ViewId } from '../payload';
import { describeMatches, findMatches, NO_MATCHES, stepMatch } from './find';
import { findInTree, NO_TREE_MATCHES } from './json-find';

const SETTLE_MS = 150;

export function useFind(model: PayloadModel, view: ViewId) {
  const [query, setQuery] = useState('');
  const [settled, setSettled] = useState('');
  const [current, setCurrent] = useState(-1);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(query), query === '' ? 0 : SETTLE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  useEffect(() => setCurrent(-1), [settled, view, model]);

  const text = model.text;
  const json = model.json;
  const textMatches = useMemo(() => (view === 'text' && text !== null ? findMatches(text, settled) : NO_MATCHES), [view, text, settled]);
  const treeMatches = useMemo(
    () => (view === 'json' && json?.ok ? findInTree(json.root, settled) : NO_TREE_MATCHES),
    [view, json, settled],
  );
  const count = view === 'json' ? treeMatches.nodes.length : textMatches.starts.length;
  const capped = view === 'json' ? treeMatches.capped : textMatches.capped;
  return {
    /** Find is offered where there is text to search: the Text and JSON views. */
    applies: view === 'text' || (view === 'json' && json?.ok === true),
    query,
    setQuery,
    current: current < count ? current : -1,
    textMatches,
    treeMatches,
    status: settled !== query ? 'Searching…' : describeMatches(current, count, capped),
    step: (backwards: boolean) => setCurrent(stepMatch(current, count, backwards)),
  };
}
