/** The keyboard shortcuts the panel offers, as the "?" dialog lists them. */

export interface ShortcutGroup {
  title: string;
  keys: readonly (readonly [keys: string, what: string])[];
}

export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    title: 'Timeline',
    keys: [
      ['↑ / ↓', 'Previous / next event'],
      ['Page Up / Page Down', 'A page up / down'],
      ['Home / End', 'First / last event'],
      ['Enter', 'Go to the selected event’s details'],
      ['P', 'Go to the paired request or response'],
      ['Menu key, Shift+F10 or right-click', 'Row actions: copy, filter, hide, send again, copy as code'],
    ],
  },
  {
    title: 'Details',
    keys: [['Escape', 'Back to the timeline']],
  },
  {
    title: 'Row actions menu',
    keys: [
      ['↑ / ↓, Home / End', 'Move between actions'],
      ['Enter or Space', 'Run the action'],
      ['Escape', 'Close, back to the row'],
    ],
  },
  {
    title: 'Actions drawer and chart',
    keys: [
      ['Ctrl+Enter', 'Send the message to the server'],
      ['← / →', 'Chart: previous / next second'],
      ['Enter', 'Chart: show that second in the timeline'],
    ],
  },
  {
    title: 'Anywhere',
    keys: [
      ['?', 'This list'],
      ['Alt+Shift+H', 'Paused messages: the oldest held message'],
    ],
  },
];
