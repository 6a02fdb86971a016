/** A draggable, keyboard-operable divider between two panes (role "separator"). */

export interface SplitterProps {
  label: string;
  orientation: 'vertical' | 'horizontal';
  /** Size of the pane the splitter resizes, in pixels: it grows as the splitter moves right or down. */
  value: number;
  min: number;
  max: number;
  /** Each new size while the user drags or presses a key, already within min and max. */
  onChange(size: number): void;
  /** The size the user settled on: the end of a drag, or a key press (for saving it, not on every pointer move). */
  onCommit?(size: number): void;
}

export function Splitter({ label, orientation, value, min, max, onChange, onCommit }: SplitterProps) {
  const clamp = (v: number) => Math.round(Math.max(min, Math.min(max, v)));
  const onPointerDown = (down: PointerEvent) => {
    const el = down.currentTarget as HTMLElement;
    el.setPointerCapture(down.pointerId);
    const start = orientation === 'vertical' ? down.clientX : down.clientY;
    let size = value;
    const move = (e: PointerEvent) => {
      const now = orientation === 'vertical' ? e.clientX : e.clientY;
      size = clamp(value + now - start);
      onChange(size);
    };
    // Capture ends on pointerup and on pointercancel alike, so a drag interrupted by the browser still ends.
    const end = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('lostpointercapture', end);
      onCommit?.(size);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('lostpointercapture', end);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 50 : 10;
    let size: number;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') size = clamp(value - step);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') size = clamp(value + step);
    else return;
    e.preventDefault();
    onChange(size);
    onCommit?.(size);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable separator is the ARIA pattern for a resizable pane
    <div
      class={`splitter splitter-${orientation}`}
      role="separator"
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
