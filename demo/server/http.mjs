// HTTP routes: control endpoints for tests, a health check, and the static client.
import { sendText, serveStatic } from './static.mjs';

/**
 * @typedef {{
 *   dropAll(code?: number): number,
 *   beginRestart(downMs: number): { closed: number, done: Promise<void> },
 *   stats(): object,
 * }} Control
 */

/**
 * @param {{ staticDir: string, control: Control, log: (line: string) => void }} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
 */
export function createRequestHandler({ staticDir, control, log }) {
  return (req, res) => {
    route(req, res, staticDir, control).catch((error) => {
      log(`http ${req.method} ${req.url}: ${error instanceof Error ? error.message : error}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error\n');
      else res.destroy();
    });
  };
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} staticDir
 * @param {Control} control
 */
async function route(req, res, staticDir, control) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  if (url.pathname.startsWith('/control/')) return routeControl(method, url, res, control);
  if (url.pathname === '/health') return sendJson(res, 200, { ok: true });
  if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method not allowed\n');
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return sendText(res, 400, 'Bad path\n');
  }
  return serveStatic(staticDir, pathname, req, res);
}

/**
 * @param {string} method
 * @param {URL} url
 * @param {import('node:http').ServerResponse} res
 * @param {Control} control
 */
function routeControl(method, url, res, control) {
  const action = url.pathname.slice('/control/'.length);
  if (action === 'stats' && method === 'GET') return sendJson(res, 200, control.stats());
  if (method !== 'POST') return sendJson(res, 405, { error: 'Use POST' });
  if (action === 'drop') {
    const raw = url.searchParams.get('code');
    const code = raw === null ? undefined : Number(raw);
    if (code !== undefined && !isSendableCloseCode(code)) return sendJson(res, 400, { error: 'Invalid close code' });
    return sendJson(res, 200, { dropped: control.dropAll(code) });
  }
  if (action === 'restart') {
    const downMs = Number(url.searchParams.get('downMs') ?? 1000);
    if (!Number.isFinite(downMs) || downMs < 0 || downMs > 600_000) return sendJson(res, 400, { error: 'Invalid downMs' });
    const { closed } = control.beginRestart(downMs);
    return sendJson(res, 200, { closed, downMs });
  }
  return sendJson(res, 404, { error: `Unknown control action: ${action}` });
}

/** Close codes an endpoint may send (RFC 6455 section 7.4). @param {number} code */
export function isSendableCloseCode(code) {
  if (!Number.isInteger(code)) return false;
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
