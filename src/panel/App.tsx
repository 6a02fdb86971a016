/** The panel's layout: toolbar, connections, timeline and details, with resizable panes. */
import { signal } from '@preact/signals';
import { ActionsDrawer, type ActionsProps } from './actions/ActionsDrawer';
import { AccessBanner } from './components/AccessBanner';
import { Splitter } from './components/Splitter';
import { StatusBar } from './components/StatusBar';
import { Timeline } from './components/Timeline';
import { DeepCaptureToggle } from './deep-capture/DeepCaptureToggle';
import { DetailPane, type DetailProps } from './detail/DetailPane';
import { PausedMessages } from './holds/PausedMessages';
import { RulesKeeper } from './message-rules/RulesKeeper';
import { OverviewTabs } from './OverviewTabs';
import { overviewHeight as connectionsHeight } from './overview-state';
import { RowMenuHost } from './row-actions/RowMenu';
import { FullSearchBar } from './search/FullSearchBar';
import { KeyboardShortcuts } from './shortcuts/ShortcutsDialog';
import { Toolbar } from './Toolbar';

const timelineWidth = signal(Math.round(window.innerWidth * 0.55));

export function App(props: DetailProps & ActionsProps & { tabId: number }) {
  return (
    <div class="app">
      <AccessBanner tabId={props.tabId} />
      <DeepCaptureToggle send={props.send} />
      <Toolbar fetchPayload={props.fetchPayload} />
      <FullSearchBar fetchPayload={props.fetchPayload} />
      <div class="top" style={{ height: `${connectionsHeight.value}px` }}>
        <OverviewTabs />
      </div>
      <Splitter
        label="Resize connections"
        orientation="horizontal"
        value={connectionsHeight.value}
        min={40}
        max={600}
        onChange={(size) => (connectionsHeight.value = size)}
      />
      <ActionsDrawer send={props.send} storage={props.storage} />
      <PausedMessages fetchPayload={props.fetchPayload} send={props.send} />
      <div class="main">
        <div class="timeline" style={{ width: `${timelineWidth.value}px` }}>
          <Timeline />
        </div>
        <Splitter
          label="Resize details"
          orientation="vertical"
          value={timelineWidth.value}
          min={200}
          max={4000}
          onChange={(size) => (timelineWidth.value = size)}
        />
        <DetailPane {...props} />
      </div>
      <StatusBar />
      <RowMenuHost fetchPayload={props.fetchPayload} send={props.send} />
      <RulesKeeper send={props.send} storage={props.storage} />
      <KeyboardShortcuts />
    </div>
  );
}
