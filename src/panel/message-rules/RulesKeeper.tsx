/**
 * Keeps the message rules working whichever tab is shown: the list follows the page's origin, its hits are
 * counted, and the pages get every change. Renders nothing.
 */
import { useEffect } from 'preact/hooks';
import type { ToRelay } from '../../shared/protocol';
import type { KeyValueStorage } from '../actions/snippets';
import { countHits, followOrigin } from './keeper';
import { syncMessageRules } from './sync';

export function RulesKeeper({ send, storage }: { send(message: ToRelay): void; storage: KeyValueStorage }) {
  useEffect(() => followOrigin(storage), [storage]);
  useEffect(() => countHits(), []);
  useEffect(() => syncMessageRules(send), [send]);
  return null;
}
