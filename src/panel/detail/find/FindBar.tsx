/**
 * The Details pane's find box: type to highlight, Enter and Shift+Enter (or the arrows) to step through
 * the matches, Escape to clear. The count is a live status, so screen readers hear it change.
 */
export interface FindBarProps {
  query: string;
  onQuery(query: string): void;
  status: string;
  onStep(backwards: boolean): void;
}

export function FindBar({ query, onQuery, status, onStep }: FindBarProps) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') onStep(event.shiftKey);
    else if (event.key === 'Escape' && query !== '') onQuery('');
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  return (
    <search class="find-bar" aria-label="Find in payload">
      <input
        type="search"
        aria-label="Find in payload"
        placeholder="Find in payload"
        value={query}
        onInput={(event) => onQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <button type="button" aria-label="Previous match" disabled={query === ''} onClick={() => onStep(true)}>
        ↑
      </button>
      <button type="button" aria-label="Next match" disabled={query === ''} onClick={() => onStep(false)}>
        ↓
      </button>
      <span class="find-status" role="status">
        {query === '' ? '' : status}
      </span>
    </search>
  );
}
