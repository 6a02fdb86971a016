/** A validation or failure message, announced when it appears (role=alert); nothing while there is none. */
export function ErrorMessage({ message, class: className }: { message: string | null; class: string }) {
  return message ? (
    <p class={className} role="alert">
      {message}
    </p>
  ) : null;
}
