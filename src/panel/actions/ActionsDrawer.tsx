/**
 * The Actions drawer for one connection: compose and inject, close and drop, reconnection tests,
 * offline mode and saved snippets. It also keeps the tab's documents on the panel's refusal rules,
 * and those rules live (counts reported by the pages, lapsed time rules dropped), open or closed.
 * Open, its splitter sets its height (remembered like its open state) within the room that leaves
 * the timeline half of the panel, and its body scrolls, so that the timeline stays usable in a short
 * DevTools window.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { PanelCommand, ToRelay } from '../../shared/protocol';
import { Splitter } from '../components/Splitter';
import { capture, filter, version } from '../state/store';
import { pickedConnection, refuseRules, status } from './action-state';
import { CloseGroup } from './CloseGroup';
import { ComposeGroup } from './ComposeGroup';
import { drawerHeight, resizeDrawer, restoreDrawerHeight, saveDrawerHeight } from './drawer-height';
import { drawerLimits, fitDrawerHeight } from './drawer-limits';
import { drawerOpen, restoreDrawerOpen, setDrawerOpen } from './drawer-open';
import { DROP_UNAVAILABLE_ID, UNAVAILABLE_ID } from './group-props';
import { OfflineGroup } from './OfflineGroup';
import { ReconnectGroup } from './ReconnectGroup';
import { ReconnectReportView } from './ReconnectReportView';
import { RulesList } from './RulesList';
import { syncRules } from './rule-sync';
import { watchRules } from './rule-watch';
import { SnippetsGroup } from './SnippetsGroup';
import type { KeyValueStorage } from './snippets';
import { TargetPicker } from './TargetPicker';
import { dropUnavailableReason, targetConnection, unavailableReason } from './target';
import { useDrawerRoom } from './useDrawerRoom';

export interface ActionsProps {
  /** Posts to the inspected tab's relays (the bridge's send). */
  send(message: ToRelay): void;
  /** Where snippets are kept (extension storage in the panel, memory in tests). */
  storage: KeyValueStorage;
}

export function ActionsDrawer({ send, storage }: ActionsProps) {
  useEffect(() => syncRules(send), [send]);
  useEffect(() => watchRules(), []);
  useEffect(() => {
    restoreDrawerOpen(storage);
    restoreDrawerHeight(storage);
  }, [storage]);
  version.value;
  const expanded = drawerOpen.value;
  const section = useRef<HTMLElement>(null);
  // Until the column is measured (the first layout effect), half the window is the best guess.
  const limits = drawerLimits(useDrawerRoom(section, expanded) ?? { panel: window.innerHeight, others: 0 });
  const height = fitDrawerHeight(drawerHeight.value, limits);
  const ruleCount = refuseRules.value.length;
  const cap = capture.value;
  const connection = targetConnection(cap, filter.value.connection, pickedConnection.value);
  const unavailable = unavailableReason(cap, connection);
  const dropUnavailable = unavailable === null ? dropUnavailableReason(connection) : null;
  const post = (command: PanelCommand) => {
    if (connection) send({ type: 'command', frame: connection.frame, command });
  };
  const groupProps = { connection, unavailable, dropUnavailable, post };
  return (
    <>
      <section
        ref={section}
        class={expanded ? 'actions open' : 'actions'}
        aria-label="Actions"
        style={expanded ? { height: `${height}px` } : undefined}
      >
        <div class="actions-head">
          <button
            type="button"
            class="actions-toggle"
            aria-label="Actions"
            aria-expanded={expanded}
            aria-controls={expanded ? 'actions-body' : undefined}
            onClick={() => setDrawerOpen(storage, !expanded)}
          >
            Actions
          </button>
          {filter.value.connection === 'all' ? <TargetPicker target={connection} /> : null}
          {connection && filter.value.connection !== 'all' ? <span class="actions-target">#{connection.ordinal}</span> : null}
          {!expanded && ruleCount > 0 ? (
            <span class="actions-rules-count">
              {ruleCount} refusal {ruleCount === 1 ? 'rule' : 'rules'} active
            </span>
          ) : null}
          <span class="actions-status" role="status">
            {status.value}
          </span>
        </div>
        {expanded ? (
          <div class="actions-body" id="actions-body">
            {unavailable ? (
              <p class="actions-note" id={UNAVAILABLE_ID}>
                {unavailable}
              </p>
            ) : null}
            {dropUnavailable ? (
              <p class="actions-note" id={DROP_UNAVAILABLE_ID}>
                {dropUnavailable}
              </p>
            ) : null}
            <div class="actions-groups">
              <ComposeGroup {...groupProps} />
              <CloseGroup {...groupProps} />
              <ReconnectGroup key={`reconnect:${connection?.key}`} {...groupProps} />
              <OfflineGroup key={`offline:${connection?.key}`} defaultPattern={connection?.url ?? ''} readOnly={cap.readOnly} />
              <SnippetsGroup {...groupProps} storage={storage} />
            </div>
            <RulesList readOnly={cap.readOnly} />
            <ReconnectReportView />
          </div>
        ) : null}
      </section>
      {expanded ? (
        <Splitter
          label="Resize actions"
          orientation="horizontal"
          value={height}
          min={limits.min}
          max={limits.max}
          onChange={resizeDrawer}
          onCommit={(size) => saveDrawerHeight(storage, size)}
        />
      ) : null}
    </>
  );
}
