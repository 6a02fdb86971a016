/** The top pane: the connections table, the traffic statistics, the traffic chart and the message rules, as tabs. */
import { TrafficChart } from './chart/TrafficChart';
import { Connections } from './components/Connections';
import { Tabs } from './components/Tabs';
import { RulesTab } from './message-rules/RulesTab';
import { overviewTab } from './overview-state';
import { StatsView } from './stats/StatsView';

const TABS = [
  { id: 'connections', label: 'Connections' },
  { id: 'stats', label: 'Stats' },
  { id: 'chart', label: 'Chart' },
  { id: 'rules', label: 'Rules' },
] as const;

export function OverviewTabs() {
  const tab = overviewTab.value;
  return (
    <Tabs
      class="overview"
      label="Overview"
      tabs={TABS}
      selected={tab}
      onSelect={(id) => (overviewTab.value = id)}
      // The stats table has no controls of its own: the panel takes focus so that the keyboard can scroll it.
      focusablePanel={tab === 'stats'}
    >
      {tab === 'connections' ? <Connections /> : tab === 'stats' ? <StatsView /> : tab === 'chart' ? <TrafficChart /> : <RulesTab />}
    </Tabs>
  );
}
