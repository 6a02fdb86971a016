/**
 * What every protocol fixture gives a test: the page that runs the exchange, the socket URL it talks to,
 * what the server received (decoded, in order) and a way to stop the server.
 */
import { type ProtocolPageName, protocolPageHtml } from '../../fixtures/protocols/page';
import type { RouteServer } from '../route-server';

export interface ProtocolFixture<Received = unknown> {
  /**
   * The fixture page. Loading it runs the whole exchange once: await `window.__finished` (the page's record)
   * or wait for `window.__done === true`; a failure sets `window.__error` and `#status` to "failed: …".
   */
  page: string;
  /** The WebSocket URL (or URL prefix, for libraries that add their own path and query) the page connects to. */
  url: string;
  /** What the server received, decoded, in order (cleared by nothing: one run per page load adds to it). */
  received: Received[];
  /** Stops what this fixture started (the route server itself is closed by its owner). */
  close(): Promise<void>;
}

/** Serves the fixture page `name` at `/<name>.html` (or `path`) and returns its URL. */
export function servePage(
  server: RouteServer,
  name: ProtocolPageName,
  bundles: Record<string, string>,
  config: Record<string, unknown>,
  path = `/${name}.html`,
): string {
  for (const [route, file] of Object.entries(bundles)) server.file(route, file);
  return server.page(path, protocolPageHtml(name, Object.keys(bundles), config));
}
