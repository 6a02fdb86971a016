/** The reconnection report: attempts, backoff as text and bars, recovery and resumed traffic. */
import { capture, version } from '../state/store';
import { reconnectRun } from './action-state';
import { attemptLine, type ReconnectReport, reconnectReport, recoveryLine, trafficLine } from './reconnect-report';

/** Beyond this many attempts the list would drown the report; the count stays exact. */
const SHOWN_ATTEMPTS = 30;

export function ReconnectReportView() {
  version.value;
  const run = reconnectRun.value;
  if (!run) return null;
  const report = reconnectReport(capture.value, run);
  const traffic = trafficLine(report);
  const hidden = report.attempts.length - SHOWN_ATTEMPTS;
  return (
    <section class="reconnect-report" aria-label="Reconnection report">
      <div class="actions-row">
        <h3>
          Reconnection report: #{run.ordinal} dropped, pattern {run.pattern}
        </h3>
        <button type="button" onClick={() => (reconnectRun.value = null)}>
          Dismiss report
        </button>
      </div>
      <ol class="attempts">
        {report.attempts.slice(0, SHOWN_ATTEMPTS).map((a, i) => (
          <li key={a.key} class={`outcome-${a.outcome}`}>
            {attemptLine(a, i)}
          </li>
        ))}
      </ol>
      {hidden > 0 ? <p class="actions-note">… and {hidden} more attempts</p> : null}
      {report.delays.length > 0 ? <BackoffBars report={report} /> : null}
      <p class="recovery">{recoveryLine(report)}</p>
      {traffic ? <p class="traffic">{traffic}</p> : null}
      {report.recovered && report.recovered.firstSent.length > 0 ? (
        <div class="first-sent">
          First sent after recovery:
          <ul>
            {report.recovered.firstSent.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

/** The backoff curve: one bar per attempt, scaled to the longest delay, with its value as text. */
function BackoffBars({ report }: { report: ReconnectReport }) {
  const delays = report.delays.slice(0, SHOWN_ATTEMPTS);
  const longest = Math.max(1, ...delays);
  return (
    <div class="backoff">
      <span>Backoff: {delays.map((d) => `${(d / 1000).toFixed(2)} s`).join(', ')}</span>
      <ol class="backoff-bars" aria-hidden="true">
        {delays.map((d, i) => (
          <li key={i}>
            <span class="bar" style={{ width: `${Math.max(2, (d / longest) * 100)}%` }} />
          </li>
        ))}
      </ol>
    </div>
  );
}
