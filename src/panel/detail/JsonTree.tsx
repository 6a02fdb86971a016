/**
 * A collapsible JSON tree (WAI-ARIA tree pattern with a roving tabindex). Rows are a flat list with
 * aria-level, built only down to what is expanded, so depth costs nothing until it is opened.
 * Keys: Up/Down move, Right expands or enters, Left collapses or goes to the parent, Home/End,
 * Enter/Space toggle. Strings that hold JSON expand in place. The Details find marks matches in keys
 * and values, and stepping to a match expands the way to it.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { cutPieces, findMatches } from './find/find';
import { Highlighted } from './find/Highlighted';
import { ancestorsOf, NO_TREE_MATCHES, type TreeMatches } from './find/json-find';
import type { JsonNode } from './json/parse';
import { initialExpansion, type TreeRow, valuePreview, visibleRows } from './json/tree';

export const TREE_ROW_STEP = 2000;
/** Indentation stops growing here; deeper rows show their level instead. */
const MAX_INDENT_LEVELS = 40;

interface ItemProps {
  row: TreeRow;
  index: number;
  active: boolean;
  query: string;
  /** This row's node is the find's current match. */
  isCurrentMatch: boolean;
  onPick(i: number): void;
  onKeyDown(event: KeyboardEvent): void;
}

/** A key or value preview with the find's matches marked. */
function Marked({ text, query }: { text: string; query: string }) {
  const matches = findMatches(text, query, 100);
  if (matches.starts.length === 0) return text;
  return <Highlighted pieces={cutPieces(text, 0, text.length, matches)} current={-1} />;
}

function RowContent({ row, query }: { row: TreeRow; query: string }) {
  if (row.kind === 'error') return <span class="jerror">{row.error}</span>;
  return (
    <>
      <span class="jtwisty" aria-hidden="true">
        {row.expandable ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      {row.level - 1 > MAX_INDENT_LEVELS ? <span class="jdepth">{`↳${row.level} `}</span> : null}
      {row.label !== null ? (
        <span class="jkey">
          <Marked text={row.label.length > 500 ? `${row.label.slice(0, 500)}…` : row.label} query={query} />
        </span>
      ) : null}
      {row.label !== null ? <span class="jpunct">: </span> : null}
      <span class={`jval j-${row.node.type}`}>
        <Marked text={valuePreview(row.node)} query={query} />
      </span>
      {row.nested ? ' ' : null}
      {row.nested ? <span class="badge jnested">JSON</span> : null}
    </>
  );
}

function TreeItem({ row, index, active, query, isCurrentMatch, onPick, onKeyDown }: ItemProps) {
  return (
    <div
      role="treeitem"
      aria-level={row.level}
      aria-setsize={row.setsize}
      aria-posinset={row.posinset}
      aria-selected={active}
      aria-expanded={row.expandable ? row.expanded : undefined}
      tabIndex={active ? 0 : -1}
      data-row={index}
      class={isCurrentMatch ? 'jrow find-current-row' : 'jrow'}
      style={{ paddingLeft: `${Math.min(row.level - 1, MAX_INDENT_LEVELS) * 12 + 4}px` }}
      onKeyDown={onKeyDown}
      onClick={() => onPick(index)}
    >
      <RowContent row={row} query={query} />
    </div>
  );
}

interface JsonTreeProps {
  root: JsonNode;
  label: string;
  step?: number;
  query?: string;
  matches?: TreeMatches;
  /** Index into `matches.nodes` of the match to reveal; -1 for none. */
  current?: number;
}

export function JsonTree({ root, label, step = TREE_ROW_STEP, query = '', matches = NO_TREE_MATCHES, current = -1 }: JsonTreeProps) {
  const [expanded, setExpanded] = useState(() => initialExpansion(root));
  const [limit, setLimit] = useState(step);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const focusPending = useRef(false);
  const { rows, truncated } = useMemo(() => visibleRows(root, expanded, limit), [root, expanded, limit]);
  const activeRow = Math.max(0, Math.min(active, rows.length - 1));
  const target = current >= 0 ? matches.nodes[current] : undefined;

  // Stepping to a match opens the way to it; the row then becomes active (without taking focus from the find box).
  useEffect(() => {
    if (!target) return;
    const missing = ancestorsOf(matches, target).filter((node) => !expanded.has(node));
    if (missing.length > 0) setExpanded(new Set([...expanded, ...missing]));
  }, [target]);
  useLayoutEffect(() => {
    if (!target) return;
    const index = rows.findIndex((row) => row.node === target && row.kind === 'value');
    if (index < 0) {
      if (truncated) setLimit(limit + step);
      return;
    }
    if (index !== active) setActive(index);
    box.current?.querySelector(`[data-row="${index}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [target, rows]);

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    box.current?.querySelector<HTMLElement>(`[data-row="${activeRow}"]`)?.focus();
  });

  const toggle = (i: number) => {
    const row = rows[i];
    if (!row?.expandable) return;
    const next = new Set(expanded);
    if (row.expanded) next.delete(row.node);
    else next.add(row.node);
    setExpanded(next);
  };
  const moveTo = (i: number) => {
    setActive(Math.max(0, Math.min(rows.length - 1, i)));
    focusPending.current = true;
  };
  const onPick = (i: number) => {
    moveTo(i);
    toggle(i);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const row = rows[activeRow];
    switch (event.key) {
      case 'ArrowDown':
        moveTo(activeRow + 1);
        break;
      case 'ArrowUp':
        moveTo(activeRow - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.expandable && !row.expanded) toggle(activeRow);
        else if (row.expanded && rows[activeRow + 1]?.parent === activeRow) moveTo(activeRow + 1);
        break;
      case 'ArrowLeft':
        if (row.expanded) toggle(activeRow);
        else if (row.parent >= 0) moveTo(row.parent);
        break;
      case 'Enter':
      case ' ':
        toggle(activeRow);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <>
      <div ref={box} class="jtree" role="tree" aria-label={label}>
        {rows.map((row, i) => (
          <TreeItem
            key={i}
            row={row}
            index={i}
            active={i === activeRow}
            query={query}
            isCurrentMatch={target !== undefined && row.node === target}
            onPick={onPick}
            onKeyDown={onKeyDown}
          />
        ))}
      </div>
      {truncated ? (
        <p class="more">
          Showing the first {rows.length.toLocaleString('en-US')} rows.{' '}
          <button type="button" aria-label="Show more JSON rows" onClick={() => setLimit(limit + step)}>
            Show more
          </button>
        </p>
      ) : null}
    </>
  );
}
