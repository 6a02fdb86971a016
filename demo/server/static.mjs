// Static file serving of the built client (demo/dist by default).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const MISSING_BUILD = 'The demo client is not built. Run `node demo/build.mjs`, then reload.\n';

/**
 * @param {string} root absolute directory to serve
 * @param {string} pathname decoded URL path
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export async function serveStatic(root, pathname, req, res) {
  const relative = normalize(pathname === '/' ? '/index.html' : pathname);
  const file = join(root, relative);
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
    return sendText(res, 403, 'Forbidden\n');
  }
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    const rootExists = await stat(root).then(
      (s) => s.isDirectory(),
      () => false,
    );
    return rootExists ? sendText(res, 404, 'Not found\n') : sendText(res, 503, MISSING_BUILD);
  }
  res.writeHead(200, {
    'content-type': TYPES[/** @type {keyof TYPES} */ (extname(file).toLowerCase())] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} body
 */
export function sendText(res, status, body) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}
