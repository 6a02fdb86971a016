/** One labelled field of the rule editor, with its problem shown under it (and announced) when Save refused. */
import type { RuleDraft } from './draft';
import { FIELD_LABELS, type RuleField, type RuleProblem } from './validate';

export interface FieldProps {
  draft: RuleDraft;
  problems: readonly RuleProblem[];
  change(patch: Partial<RuleDraft>): void;
}

type TextKey = RuleField & keyof RuleDraft;

export function EditorField({
  name,
  draft,
  problems,
  change,
  multiline,
  numeric,
  hint,
}: FieldProps & { name: TextKey; multiline?: boolean; numeric?: boolean; hint?: string }) {
  const id = `rule-field-${name}`;
  const problem = problems.find((p) => p.field === name);
  const label = FIELD_LABELS[name];
  const common = {
    id,
    value: draft[name] as string,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-problem` : undefined,
    spellcheck: false,
    onInput: (event: Event) => change({ [name]: (event.target as HTMLInputElement).value }),
  };
  return (
    <div class={`rule-field${multiline ? ' wide' : ''}`}>
      <label for={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={4} placeholder={hint} />
      ) : (
        <input {...common} type="text" inputMode={numeric ? 'numeric' : undefined} placeholder={hint} />
      )}
      {problem ? (
        <span class="rule-problem" id={`${id}-problem`} role="alert">
          {problem.message}
        </span>
      ) : null}
    </div>
  );
}

export function EditorSelect<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
}) {
  const id = `rule-select-${label.toLowerCase()}`;
  return (
    <div class="rule-field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange((event.target as HTMLSelectElement).value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
