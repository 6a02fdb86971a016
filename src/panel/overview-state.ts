/** Which overview tab is shown and how tall the top pane is: read by the tabs, set from elsewhere too. */
import { signal } from '@preact/signals';

export type OverviewTab = 'connections' | 'stats' | 'chart' | 'rules';

export const overviewTab = signal<OverviewTab>('connections');

/** The top pane's height (its splitter sets it; the rule editor asks for room to show its fields). */
export const overviewHeight = signal(140);

/** Height the rule editor needs to show a rule's fields without scrolling in the usual case. */
const EDITOR_ROOM = 300;

/** Grows the top pane for the rule editor, within 60 % of the window; never shrinks what the user chose. */
export function makeRoomForEditor(windowHeight = window.innerHeight): void {
  const room = Math.min(EDITOR_ROOM, Math.round(windowHeight * 0.6));
  if (overviewHeight.peek() < room) overviewHeight.value = room;
}
