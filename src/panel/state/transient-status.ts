/** A short confirmation that clears itself: the timeline keeps the lasting record of what happened. */
import { type Signal, signal } from '@preact/signals';

export interface TransientStatus {
  text: Signal<string>;
  show(text: string): void;
}

export function transientStatus(ms: number): TransientStatus {
  const text = signal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    text,
    show(value) {
      text.value = value;
      clearTimeout(timer);
      timer = setTimeout(() => {
        text.value = '';
      }, ms);
    },
  };
}
