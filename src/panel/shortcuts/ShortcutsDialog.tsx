/**
 * The keyboard shortcuts list: "?" (outside text fields) or the toolbar's button opens it; Escape or
 * Close closes it and focus goes back where it was. Also Escape from the details back to the timeline.
 */
import { signal } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { returnToTimeline } from './focus';
import { SHORTCUTS } from './shortcut-list';
import './shortcuts.css';

const open = signal(false);
let returnFocus: HTMLElement | null = null;

function show(): void {
  returnFocus = document.activeElement as HTMLElement | null;
  open.value = true;
}

function hide(): void {
  open.value = false;
  returnFocus?.focus();
  returnFocus = null;
}

/** Typing a "?" into a field is text, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element?.tagName) return false;
  return element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);
}

function handlePanelKey(event: KeyboardEvent): boolean {
  if (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
    show();
    return true;
  }
  return returnToTimeline(event);
}

function closeOnEscape(event: KeyboardEvent): boolean {
  if (event.key !== 'Escape') return false;
  hide();
  return true;
}

/**
 * Heard first (capture on the window): DevTools' own script in this page forwards keys such as Escape
 * and "?" to DevTools (Escape toggles its console drawer and takes focus), so the keys the panel uses
 * stop here.
 */
function onPanelKey(event: KeyboardEvent): void {
  // While the list is open, Escape closes it wherever focus is (the Close button gets focus only
  // after the render, and a quick Escape must not reach DevTools' console drawer instead).
  const handled = open.value ? closeOnEscape(event) : handlePanelKey(event);
  if (handled) {
    event.preventDefault();
    event.stopPropagation();
  }
}

export function ShortcutsButton() {
  return (
    <button type="button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" aria-haspopup="dialog" onClick={show}>
      ?
    </button>
  );
}

function Dialog() {
  const close = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => close.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Tab') {
      // One control inside: keep focus in the dialog while it is open.
      event.preventDefault();
      close.current?.focus();
    }
  };
  return (
    <div class="shortcuts-backdrop">
      <div class="shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onKeyDown={onKeyDown}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        {SHORTCUTS.map((group) => (
          <section key={group.title} aria-label={group.title}>
            <h3>{group.title}</h3>
            <dl>
              {group.keys.map(([keys, what]) => (
                <div key={keys + what}>
                  <dt>
                    <kbd>{keys}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <button ref={close} type="button" onClick={hide}>
          Close
        </button>
      </div>
    </div>
  );
}

/** Listens for the panel's global keys, and shows the list while it is open. */
export function KeyboardShortcuts() {
  useEffect(() => {
    window.addEventListener('keydown', onPanelKey, true);
    return () => window.removeEventListener('keydown', onPanelKey, true);
  }, []);
  return open.value ? <Dialog /> : null;
}
