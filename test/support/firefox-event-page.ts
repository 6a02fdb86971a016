/**
 * The add-on's background event page, seen and unloaded from Firefox's chrome scope: Firefox MV3 runs an
 * event page instead of a service worker and unloads it when it has been idle for
 * `extensions.background.idle.timeout` ms (30 s by default), as Chromium stops an idle service worker.
 *
 * Firefox's add-on manager keeps the Extension object (`WebExtensionPolicy.getByHostname(uuid).extension`):
 * its `backgroundState` is "starting", "running", "suspending" or "stopped", and it emits
 * "background-script-started" once the page's scripts have run and "shutdown-background-script" when the page
 * is gone. `extension.terminateBackground()` is what the idle timer calls; `disableResetIdleForTest` makes it
 * unload even while a listener is still running, which the idle path would wait for. Checked on Firefox ESR 153.
 */
import type { Browser } from 'puppeteer-core';
import { callInChrome } from './firefox-devtools';

export interface EventPageWatch {
  /** The background state now. */
  state: 'starting' | 'running' | 'suspending' | 'stopped';
  /** Times the page's scripts started since the first watch (a restart counts one). */
  started: number;
  /** Times the page was unloaded since the first watch. */
  unloaded: number;
}

/** (uuid) → JSON EventPageWatch; the first call installs the counters on the Extension object. */
const WATCH = `function (uuid) {
  const policy = WebExtensionPolicy.getByHostname(uuid);
  if (!policy || !policy.extension) throw new Error('no add-on has the uuid ' + uuid);
  const extension = policy.extension;
  window.socketscopeEventPage ??= {};
  let counts = window.socketscopeEventPage[uuid];
  if (!counts) {
    counts = window.socketscopeEventPage[uuid] = { started: 0, unloaded: 0 };
    extension.on('background-script-started', () => counts.started++);
    extension.on('shutdown-background-script', () => counts.unloaded++);
  }
  return JSON.stringify({ state: extension.backgroundState, ...counts });
}`;

/** (uuid) → the state after the unload: unloads the event page now, as its idle timer would. */
const UNLOAD = `async function (uuid) {
  const extension = WebExtensionPolicy.getByHostname(uuid).extension;
  if (extension.backgroundState !== 'running') throw new Error('the event page is ' + extension.backgroundState + ', not running');
  await extension.terminateBackground({ disableResetIdleForTest: true });
  return extension.backgroundState;
}`;

/** Starts counting (on the first call) and reports the event page's state and counts. */
export async function watchEventPage(browser: Browser, uuid: string): Promise<EventPageWatch> {
  return JSON.parse(await callInChrome(browser, WATCH, uuid)) as EventPageWatch;
}

/** Unloads the running event page now, as Firefox does when it has been idle; resolves once it is stopped. */
export async function unloadEventPage(browser: Browser, uuid: string): Promise<void> {
  const state = await callInChrome(browser, UNLOAD, uuid);
  if (state !== 'stopped') throw new Error(`the event page is ${state} after the unload`);
}

/** Polls the watch until `accept` holds; throws with the last watch after `timeoutMs`. */
export async function waitForEventPage(
  browser: Browser,
  uuid: string,
  accept: (watch: EventPageWatch) => boolean,
  timeoutMs = 20_000,
): Promise<EventPageWatch> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const watch = await watchEventPage(browser, uuid);
    if (accept(watch)) return watch;
    if (Date.now() > deadline) throw new Error(`the event page never reached the expected state: ${JSON.stringify(watch)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
