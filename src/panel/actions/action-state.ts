/** The Actions area's state that outlives its components (collapsing the drawer keeps it). */
import { signal } from '@preact/signals';
import type { ResentFrom } from '../../shared/message-rules';
import type { RefuseRule } from '../../shared/protocol';
import { transientStatus } from '../state/transient-status';
import type { PayloadFormat } from './payload-format';
import type { ReconnectRun } from './reconnect-report';
import type { RefuseBy } from './rules';

/**
 * The editor's content, shared by the composer and the snippets. `from`: the captured row "Edit and send" put
 * there; edits keep it (a send is still made from that row), and a snippet or an emptied editor drops it.
 */
export const draft = signal<{ text: string; format: PayloadFormat; from?: ResentFrom }>({ text: '', format: 'text' });

/** Set by "Edit and send": the composer takes focus when it next renders (the drawer may have to open first). */
export const composerFocusRequested = signal(false);

/** The tab's refusal rules: the panel owns them and sends the whole list on every change. */
export const refuseRules = signal<RefuseRule[]>([]);

/** The reconnection test's settings: kept when the target changes (an app reconnecting while the user fills them in). */
export const reconnectSettings = signal<{ by: RefuseBy; count: string }>({ by: 'seconds', count: '5' });

/** The last reconnection test, reported until dismissed. */
export const reconnectRun = signal<(ReconnectRun & { ordinal: number }) | null>(null);

/** The Actions area's own connection choice, used while the toolbar shows all connections. */
export const pickedConnection = signal<string | null>(null);

/** A short confirmation ("Sent 12 bytes"); the timeline keeps the lasting record. */
const actionOutcome = transientStatus(5000);
export const status = actionOutcome.text;
export const showStatus = actionOutcome.show;
