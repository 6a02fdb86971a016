/** A draggable, keyboard-operable divider between two panes (role "separator"). */
import type { Signal } from '@preact/signals';

export interface SplitterProps {
  label: string;
  orientation: 'vertical' | 'horizontal';
  /** Size of the first pane in pixels. */
  size: Signal<number>;
  min: number;
  max: number;
}

export function Splitter({ label, orientation, size, min, max }: SplitterProps) {
  const clamp = (v: number) => Math.max(min, Math.min(max, v));
  const onPointerDown = (down: PointerEvent) => {
    const el = down.currentTarget as HTMLElement;
    el.setPointerCapture(down.pointerId);
    const start = orientation === 'vertical' ? down.clientX : down.clientY;
    const initial = size.value;
    const move = (e: PointerEvent) => {
      const now = orientation === 'vertical' ? e.clientX : e.clientY;
      size.value = clamp(initial + now - start);
    };
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 50 : 10;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') size.value = clamp(size.value - step);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') size.value = clamp(size.value + step);
    else return;
    e.preventDefault();
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable separator is the ARIA pattern for a resizable pane
    <div
      class={`splitter splitter-${orientation}`}
      role="separator"
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(size.value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
