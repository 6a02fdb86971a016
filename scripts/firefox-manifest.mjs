/**
 * Derives the Firefox manifest from the built Chrome one, so the two never drift apart by hand.
 * Firefox MV3 has no service worker: the background runs as an event page (background.scripts).
 * Firefox has no `debugger` API, so Deep capture's permission is left out (web-ext lint would flag it). In its place,
 * worker sockets are captured by rewriting worker scripts on the wire (src/background/firefox-workers/), which needs
 * blocking webRequest and filterResponseData.
 * `message_serialization` is Chromium's opt-in to the structured clone that Firefox's runtime ports always use: left out.
 */
const WORKER_CAPTURE_PERMISSIONS = ['webRequest', 'webRequestBlocking', 'webRequestFilterResponse'];
export const GECKO_ID = 'socketscope@socketscope.dev';

export function toFirefoxManifest(chrome) {
  const { key: _key, minimum_chrome_version: _min, message_serialization: _clone, background, ...rest } = chrome;
  const content_scripts = rest.content_scripts.map(({ match_origin_as_fallback: _fallback, ...script }) => ({
    ...script,
    match_about_blank: true,
  }));
  return {
    ...rest,
    permissions: [...rest.permissions.filter((permission) => permission !== 'debugger'), ...WORKER_CAPTURE_PERMISSIONS],
    content_scripts,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}
