/**
 * Keeps every document of the tab on the panel's refusal rules. A new document (a reload, a new
 * iframe) starts with none, and a message sent while the background was being restarted is lost, so
 * the rules go out again whenever the set of known documents changes or the link is made again, as
 * well as on every change of the rules themselves. Sending again is harmless: pages keep counting the
 * rules they hold (by id).
 */
import { effect } from '@preact/signals';
import type { RefuseRule, ToRelay } from '../../shared/protocol';
import { capture, relinks, version } from '../state/store';
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
export function syncRules(
  send: (message: ToRelay) => void,
  documents: () => string = knownDocuments,
  links: () => number = () => relinks.value,
): () => void {
  let sentRules: RefuseRule[] | null = null;
  let sentTo = '';
  let sentOn = -1;
  return effect(() => {
    const rules = refuseRules.value;
    const docs = documents();
    const link = links();
    const changed = rules !== sentRules;
    const newAudience = docs !== sentTo || link !== sentOn;
    sentRules = rules;
    sentTo = docs;
    sentOn = link;
    if (changed || (newAudience && rules.length > 0)) send({ type: 'rules', rules });
  });
}
