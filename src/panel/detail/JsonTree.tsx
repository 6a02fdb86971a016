/**
 * A collapsible JSON tree (WAI-ARIA tree pattern with a roving tabindex). Rows are a flat list with
 * aria-level, built only down to what is expanded, so depth costs nothing until it is opened.
 * Keys: Up/Down move, Right expands or enters, Left collapses or goes to the parent, Home/End,
 * Enter/Space toggle. Strings that hold JSON expand in place.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JsonNode } from './json/parse';
import { initialExpansion, type TreeRow, valuePreview, visibleRows } from './json/tree';

export const TREE_ROW_STEP = 2000;
/** Indentation stops growing here; deeper rows show their level instead. */
const MAX_INDENT_LEVELS = 40;

interface ItemProps {
  row: TreeRow;
  index: number;
  active: boolean;
  onPick(i: number): void;
  onKeyDown(event: KeyboardEvent): void;
}

function RowContent({ row }: { row: TreeRow }) {
  if (row.kind === 'error') return <span class="jerror">{row.error}</span>;
  return (
    <>
      <span class="jtwisty" aria-hidden="true">
        {row.expandable ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      {row.level - 1 > MAX_INDENT_LEVELS ? <span class="jdepth">{`↳${row.level} `}</span> : null}
      {row.label !== null ? <span class="jkey">{row.label.length > 500 ? `${row.label.slice(0, 500)}…` : row.label}</span> : null}
      {row.label !== null ? <span class="jpunct">: </span> : null}
      <span class={`jval j-${row.node.type}`}>{valuePreview(row.node)}</span>
      {row.nested ? ' ' : null}
      {row.nested ? <span class="badge jnested">JSON</span> : null}
    </>
  );
}

function TreeItem({ row, index, active, onPick, onKeyDown }: ItemProps) {
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
      class="jrow"
      style={{ paddingLeft: `${Math.min(row.level - 1, MAX_INDENT_LEVELS) * 12 + 4}px` }}
      onKeyDown={onKeyDown}
      onClick={() => onPick(index)}
    >
      <RowContent row={row} />
    </div>
  );
}

export function JsonTree({ root, label, step = TREE_ROW_STEP }: { root: JsonNode; label: string; step?: number }) {
  const [expanded, setExpanded] = useState(() => initialExpansion(root));
  const [limit, setLimit] = useState(step);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const focusPending = useRef(false);
  const { rows, truncated } = useMemo(() => visibleRows(root, expanded, limit), [root, expanded, limit]);
  const current = Math.max(0, Math.min(active, rows.length - 1));

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    box.current?.querySelector<HTMLElement>(`[data-row="${current}"]`)?.focus();
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
    const row = rows[current];
    switch (event.key) {
      case 'ArrowDown':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
        moveTo(current - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.expandable && !row.expanded) toggle(current);
        else if (row.expanded && rows[current + 1]?.parent === current) moveTo(current + 1);
        break;
      case 'ArrowLeft':
        if (row.expanded) toggle(current);
        else if (row.parent >= 0) moveTo(row.parent);
        break;
      case 'Enter':
      case ' ':
        toggle(current);
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
          <TreeItem key={i} row={row} index={i} active={i === current} onPick={onPick} onKeyDown={onKeyDown} />
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
