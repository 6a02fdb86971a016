/**
 * The Rules tab: the inspected site's message rules (delay, drop, rewrite, mock, hold, latency, throttle),
 * their editor, and their export and import. Rules act while this panel is open, on WebSocket only.
 */
import { useEffect, useRef } from 'preact/hooks';
import { makeRoomForEditor } from '../overview-state';
import { emptyDraft } from './draft';
import { RuleEditor } from './RuleEditor';
import { RuleList } from './RuleList';
import { exportRules, importRulesFile } from './rules-io';
import { messageRules, ruleEditor, rulesOrigin, rulesStatus } from './state';

export function RulesTab() {
  const file = useRef<HTMLInputElement>(null);
  const add = useRef<HTMLButtonElement>(null);
  const origin = rulesOrigin.value;
  const draft = ruleEditor.value;
  const waiting = origin === null;
  const editing = draft !== null;
  useEffect(() => {
    if (editing) makeRoomForEditor();
  }, [editing]);
  return (
    <section class="rules-tab" aria-label="Message rules for this site">
      <div class="rules-head">
        <button ref={add} type="button" disabled={waiting} onClick={() => (ruleEditor.value = emptyDraft())}>
          Add rule
        </button>
        <button type="button" disabled={waiting || messageRules.value.length === 0} onClick={exportRules}>
          Export rules
        </button>
        <button type="button" disabled={waiting} onClick={() => file.current?.click()}>
          Import rules
        </button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          aria-label="Rules file"
          class="visually-hidden"
          tabIndex={-1}
          onChange={(event) => {
            const input = event.target as HTMLInputElement;
            const chosen = input.files?.[0];
            input.value = '';
            if (chosen) void importRulesFile(chosen);
          }}
        />
        <span class="rules-origin">{waiting ? 'Waiting for the inspected page…' : `Rules for ${origin}`}</span>
        <span class="rules-status" role="status">
          {rulesStatus.value}
        </span>
      </div>
      <p class="rules-note">
        Rules act in order while this panel is open, on WebSocket only: WebSocketStream connections are not affected.
      </p>
      {draft ? <RuleEditor key={draft.id ?? 'new'} draft={draft} returnTo={add} /> : null}
      <RuleList />
    </section>
  );
}
