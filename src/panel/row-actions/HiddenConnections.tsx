/** In the toolbar while connections are hidden from a row's menu: how many, and a way to show them again. */
import { filter, updateFilter } from '../state/store';

export function HiddenConnections() {
  const hidden = filter.value.hiddenConnections.length;
  if (hidden === 0) return null;
  return (
    <span class="hidden-connections">
      {hidden} connection{hidden === 1 ? '' : 's'} hidden
      <button type="button" onClick={() => updateFilter({ hiddenConnections: [] })}>
        Show hidden connections
      </button>
    </span>
  );
}
