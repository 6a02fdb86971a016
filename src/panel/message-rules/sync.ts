/**
 * Keeps every document of the tab on the panel's message rules, as rule-sync.ts does for refusal rules:
 * the rules switched on go out on every change of the list, and again when the set of documents changes (a
 * new document starts with none) or the link is made again (a message sent while the background restarted
 * is lost). The first run sends even an empty list, so that rules an earlier panel left are cleared.
 */
import { effect } from '@preact/signals';
import type { ToRelay } from '../../shared/protocol';
import { imported, liveCapture } from '../state/session';
import { relinks, version } from '../state/store';
import { activeRules } from './list';
import type { StoredRule } from './model';
import { messageRules } from './state';

/** The live tab's documents as one comparable string (an import shown meanwhile does not change them). */
function liveDocuments(): string {
  version.value;
  imported.value;
  return [...liveCapture().frames.keys()].sort().join(' ');
}

export function syncMessageRules(
  send: (message: ToRelay) => void,
  documents: () => string = liveDocuments,
  links: () => number = () => relinks.value,
): () => void {
  let sentList: StoredRule[] | null = null;
  let sentTo = '';
  let sentOn = -1;
  return effect(() => {
    const list = messageRules.value;
    const docs = documents();
    const link = links();
    const changed = list !== sentList;
    const newAudience = docs !== sentTo || link !== sentOn;
    sentList = list;
    sentTo = docs;
    sentOn = link;
    const rules = activeRules(list);
    if (changed || (newAudience && rules.length > 0)) send({ type: 'msg-rules', rules });
  });
}
