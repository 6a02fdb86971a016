/** A choice of one connection of the capture, "#n url", optionally after "All connections" (value "all"). */
import type { Connection } from '../state/model';

export interface ConnectionPickerProps {
  /** Accessible name of the select. */
  label: string;
  connections: Iterable<Connection>;
  /** The chosen connection's key, or "all". */
  value: string;
  onPick(value: string): void;
  /** Offer "All connections" first. */
  all?: boolean;
  /** Show each connection's live state after its URL (where only an open one can be acted on). */
  withState?: boolean;
  /** A visible label before the select. */
  caption?: string;
}

export function ConnectionPicker({ label, connections, value, onPick, all = false, withState = false, caption }: ConnectionPickerProps) {
  const select = (
    <select aria-label={label} value={value} onChange={(e) => onPick(e.currentTarget.value)}>
      {all ? <option value="all">All connections</option> : null}
      {[...connections].map((c) => (
        <option key={c.key} value={c.key}>
          #{c.ordinal} {c.url}
          {withState ? ` (${c.state})` : ''}
        </option>
      ))}
    </select>
  );
  if (!caption) return select;
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is `select`, which the rule cannot see through a variable
    <label>
      {caption}
      {select}
    </label>
  );
}
