/**
 * Keeps every document of the tab on the panel's refusal rules. A new document (a reload, a new
 * iframe) starts with none, so the rules go out again whenever the set of known documents changes,
 * as well as on every change of the rules themselves.
 */
import { effect } from '@preact/signals';
import type { RefuseRule, ToRelay } from '../../shared/protocol';
import { capture, version } from '../state/store';
import { refuseRules } from './action-state';

/** The documents the panel knows, as one comparable string (read inside an effect, it tracks `version`). */
export function knownDocuments(): string {
  version.value;
  return [...capture.value.frames.keys()].sort().join(' ');
}

/**
 * Starts sending; returns the function that stops. The first run sends the list even when empty:
 * rules left in the page by an earlier panel session are cleared.
 */
export function syncRules(send: (message: ToRelay) => void, documents: () => string = knownDocuments): () => void {
  let sentRules: RefuseRule[] | null = null;
  let sentTo = '';
  return effect(() => {
    const rules = refuseRules.value;
    const docs = documents();
    const changed = rules !== sentRules;
    const newDocuments = docs !== sentTo;
    sentRules = rules;
    sentTo = docs;
    if (changed || (newDocuments && rules.length > 0)) send({ type: 'rules', rules });
  });
}
