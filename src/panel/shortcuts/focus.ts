/** Moving focus between the timeline and the details with the keyboard (Enter, and Escape back). */

const timelineList = () => document.querySelector<HTMLElement>('[role=listbox][aria-label="Messages"]');
const detailPane = () => document.querySelector<HTMLElement>('section[aria-label="Message details"]');

/** Enter on the timeline: focus the selected event's details. */
export function focusDetailsOnEnter(event: KeyboardEvent): void {
  if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || event.altKey) return;
  const details = detailPane();
  if (!details) return;
  event.preventDefault();
  details.focus();
}

/** Escape anywhere in the details: back to the timeline, on the selected row. Returns whether it moved. */
export function returnToTimeline(event: KeyboardEvent): boolean {
  if (event.key !== 'Escape') return false;
  const details = detailPane();
  const list = timelineList();
  if (!details || !list || !details.contains(document.activeElement)) return false;
  list.focus();
  return true;
}
