/**
 * Shown when the extension may not run on sites (Firefox lets users withhold or revoke host access):
 * capture is off until access is granted and the page reloaded, and the panel says so plainly.
 */
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { hasHostAccess, onHostAccessChange, reloadInspected, requestHostAccess } from '../platform';
import { type HostAccessState, nextHostAccessState } from '../state/host-access';

const access = signal<HostAccessState>('unknown');

export function AccessBanner({ tabId }: { tabId: number }) {
  useEffect(() => {
    const check = () =>
      hasHostAccess().then((granted) => {
        access.value = nextHostAccessState(access.value, granted);
      });
    check();
    onHostAccessChange(check);
  }, []);

  if (access.value === 'missing' || access.value === 'revoked') {
    return (
      <div class="access-banner" role="alert">
        {access.value === 'missing'
          ? 'SocketScope has no access to this site, so nothing is captured.'
          : "SocketScope's access to this site was withdrawn: pages loaded from now on are not captured."}
        <button
          type="button"
          onClick={async () => {
            if (await requestHostAccess(tabId)) access.value = 'reload';
          }}
        >
          Grant access to this site
        </button>
      </div>
    );
  }
  if (access.value === 'reload') {
    return (
      <div class="access-banner" role="status">
        Access granted. Capture starts with the next page load.
        <button
          type="button"
          onClick={() => {
            access.value = 'granted';
            void reloadInspected(tabId);
          }}
        >
          Reload page
        </button>
      </div>
    );
  }
  return null;
}
