/** A determinate progress bar for long exports and imports. */
export function Progress({ label, fraction, text }: { label: string; fraction: number; text: string }) {
  const percent = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  return (
    <span class="io-progress">
      <span
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% · ${text}`}
        class="io-bar"
      >
        <span class="io-bar-fill" style={{ width: `${percent}%` }} />
      </span>
      <span class="io-progress-text">{text}</span>
    </span>
  );
}
