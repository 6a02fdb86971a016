/**
 * The rule editor: where the rule acts (socket, direction), what it matches and what it does, with only the
 * fields the chosen kinds need. Save checks everything (validate.ts) and refuses with each problem shown at
 * its field; a new rule is saved switched on, an edited one keeps its place, switch and hits.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RuleDirection } from '../../shared/message-rules';
import { type RuleDraft, ruleFromDraft } from './draft';
import { EditorField, EditorSelect, type FieldProps } from './EditorField';
import { commitRules } from './keeper';
import { addRule, replaceRule } from './list';
import { ACTION_KINDS, MATCH_KINDS } from './model';
import { messageRules, ruleEditor, rulesStatus } from './state';
import type { RuleProblem } from './validate';

const DIRECTIONS: readonly { value: RuleDirection; label: string }[] = [
  { value: 'send', label: 'Sent' },
  { value: 'recv', label: 'Received' },
  { value: 'both', label: 'Both' },
];

function MatchFields(props: FieldProps) {
  switch (props.draft.match) {
    case 'contains':
      return <EditorField name="matchText" {...props} />;
    case 'regex':
      return <EditorField name="matchPattern" hint={'"type":"(chat|typing)"'} {...props} />;
    case 'json-equals':
      return (
        <>
          <EditorField name="jsonPath" hint="data.type" {...props} />
          <EditorField name="jsonValue" hint='"chat"' {...props} />
        </>
      );
    case 'json-exists':
      return <EditorField name="jsonPath" hint="data.items[0].id" {...props} />;
    case 'event':
      return <EditorField name="eventName" {...props} />;
    case 'any':
      return null;
  }
}

function ActionFields(props: FieldProps) {
  const { draft, change } = props;
  switch (draft.action) {
    case 'delay':
      return <EditorField name="delayMs" numeric {...props} />;
    case 'latency':
      return <EditorField name="latencyMs" numeric {...props} />;
    case 'throttle':
      return <EditorField name="perSecond" numeric {...props} />;
    case 'replace':
      return (
        <>
          <EditorField name="find" {...props} />
          <EditorField name="replaceWith" {...props} />
          <label class="rule-check">
            <input
              type="checkbox"
              checked={draft.findRegex}
              onChange={(e) => change({ findRegex: (e.target as HTMLInputElement).checked })}
            />
            Find as regular expression
          </label>
        </>
      );
    case 'json-set':
      return (
        <>
          <EditorField name="setPath" hint="data.status" {...props} />
          <EditorField name="setValue" hint='"offline"' {...props} />
        </>
      );
    case 'json-delete':
      return <EditorField name="deletePath" hint="data.token" {...props} />;
    case 'mock':
      return (
        <>
          <EditorField name="template" multiline hint='{"type":"response","requestId":{{requestId}}}' {...props} />
          <EditorField name="responseDelayMs" numeric hint="0" {...props} />
        </>
      );
    case 'drop':
    case 'hold':
      return null;
  }
}

/**
 * Keyboard users land in the editor when it opens, and back on `returnTo` (Add rule) when it closes with the
 * focus inside it, rather than on the page's body.
 */
function useEditorFocus(returnTo: { current: HTMLElement | null }) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const node = form.current;
    node?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    return () => {
      if (node?.contains(document.activeElement)) queueMicrotask(() => returnTo.current?.focus());
    };
  }, [returnTo]);
  return form;
}

export function RuleEditor({ draft, returnTo }: { draft: RuleDraft; returnTo: { current: HTMLElement | null } }) {
  const form = useEditorFocus(returnTo);
  const [problems, setProblems] = useState<readonly RuleProblem[]>([]);
  const [tried, setTried] = useState(false);
  const change = (patch: Partial<RuleDraft>) => {
    const next = { ...draft, ...patch };
    ruleEditor.value = next;
    // Once Save was refused, the problems follow the typing, so that each one clears when fixed.
    if (tried) {
      const built = ruleFromDraft(next);
      setProblems(built.ok ? [] : built.problems);
    }
  };
  const save = (event: Event) => {
    event.preventDefault();
    const built = ruleFromDraft(draft);
    if (!built.ok) {
      setTried(true);
      setProblems(built.problems);
      return;
    }
    try {
      const list = messageRules.peek();
      commitRules(draft.id === null ? addRule(list, built.rule) : replaceRule(list, draft.id, built.rule));
    } catch (error) {
      setTried(true);
      setProblems([{ field: 'url', message: (error as Error).message }]);
      return;
    }
    const position = messageRules.peek().findIndex((r) => r.id === draft.id) + 1 || messageRules.peek().length;
    rulesStatus.value = `Saved rule ${position}.`;
    ruleEditor.value = null;
  };
  const fieldProps = { draft, problems, change };
  return (
    <form
      ref={form}
      class="rule-editor"
      aria-label="Rule editor"
      onSubmit={save}
      onKeyDown={(event) => {
        if (event.key === 'Escape') ruleEditor.value = null;
      }}
    >
      <div class="rule-row">
        <EditorField name="url" hint="every socket (or part of its URL, or /regex/)" {...fieldProps} />
        <EditorSelect label="Direction" value={draft.dir} options={DIRECTIONS} onChange={(dir) => change({ dir })} />
      </div>
      <div class="rule-row">
        <EditorSelect label="Match" value={draft.match} options={MATCH_KINDS} onChange={(match) => change({ match })} />
        <MatchFields {...fieldProps} />
      </div>
      <div class="rule-row">
        <EditorSelect label="Action" value={draft.action} options={ACTION_KINDS} onChange={(action) => change({ action })} />
        <ActionFields {...fieldProps} />
      </div>
      <div class="rule-buttons">
        <button type="submit">Save rule</button>
        <button type="button" onClick={() => (ruleEditor.value = null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
