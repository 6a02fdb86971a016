/** An action group's error, cleared as soon as the user edits one of the group's fields. */
import { useState } from 'preact/hooks';

export function useEditError() {
  const [error, setError] = useState<string | null>(null);
  /** An onInput handler that stores the field's new value and clears the error. */
  const edited = (store: (value: string) => void) => (e: Event) => {
    store((e.currentTarget as HTMLInputElement).value);
    setError(null);
  };
  return [error, setError, edited] as const;
}
