/**
 * Shown when the extension may not run on sites (Firefox lets users withhold or revoke host access):
 * capture is off until access is granted and the page reloaded, and the panel says so plainly.
 */
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { hasHostAccess, onHostAccessChange, reloadInspected, requestHostAccess } from '../platform';

const access = signal<'unknown' | 'granted' | 'missing' | 'reload'>('unknown');

export function AccessBanner({ tabId }: { tabId: number }) {
  useEffect(() => {
    const check = () =>
      hasHostAccess().then((granted) => {
        if (!granted) access.value = 'missing';
        else if (access.value === 'missing') access.value = 'reload';
        else if (access.value === 'unknown') access.value = 'granted';
      });
    check();
    onHostAccessChange(check);
  }, []);

  if (access.value === 'missing') {
    return (
      <div class="access-banner" role="alert">
        SocketScope has no access to this site, so nothing is captured.
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
