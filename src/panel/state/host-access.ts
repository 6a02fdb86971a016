/**
 * What the host-access banner says, as a state that follows the browser's answers. Firefox lets users withhold
 * host access (then the content scripts never run) or revoke it while a page is captured: Firefox ESR 153 then
 * leaves the content scripts already in the page running, so that page stays captured and only the pages
 * loaded afterwards are not. The banner tells the two apart.
 */
export type HostAccessState =
  /** Not asked yet. */
  | 'unknown'
  | 'granted'
  /** Missing from the start: nothing is captured. */
  | 'missing'
  /** Withdrawn while the panel was open: the page loaded before is still captured, later loads are not. */
  | 'revoked'
  /** Granted while the panel was open: capture starts with the next page load. */
  | 'reload';

/** The next state, given whether the extension may now run on sites. */
export function nextHostAccessState(previous: HostAccessState, granted: boolean): HostAccessState {
  if (!granted) return previous === 'granted' || previous === 'revoked' ? 'revoked' : 'missing';
  if (previous === 'missing' || previous === 'revoked') return 'reload';
  return previous === 'unknown' ? 'granted' : previous;
}
