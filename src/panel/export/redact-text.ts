/**
 * Masks secrets in URLs and free text without touching anything else: the string is edited in place
 * (never re-serialised through `new URL`, which would normalise it).
 */
import { isSensitiveParam } from './redact-keys';

/** Brackets are not valid in a URL, so URLs get a bare marker. */
export const URL_MASK = 'REDACTED';
export const VALUE_MASK = '[REDACTED]';

export interface Redacted {
  text: string;
  count: number;
}

export interface RedactOptions {
  /** User patterns (global regexes): every match in text payloads and URLs is masked. */
  extra: RegExp[];
}

export const NO_EXTRA: RedactOptions = { extra: [] };

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** Masks the values of sensitive `name=value` pairs of a query string or fragment (without its ? or #). */
function redactParams(params: string): Redacted {
  let count = 0;
  const text = params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0 || eq === pair.length - 1 || !isSensitiveParam(decodeName(pair.slice(0, eq)))) return pair;
      if (pair.slice(eq + 1) === URL_MASK) return pair;
      count++;
      return `${pair.slice(0, eq + 1)}${URL_MASK}`;
    })
    .join('&');
  return { text, count };
}

function applyExtra(text: string, options: RedactOptions, mask: string): Redacted {
  if (options.extra.length === 0) return { text, count: 0 };
  let count = 0;
  let out = text;
  for (const re of options.extra) {
    re.lastIndex = 0;
    out = out.replace(re, (match) => {
      if (match === '' || match === mask) return match;
      count++;
      return mask;
    });
  }
  return { text: out, count };
}

/** A URL field: credentials (user:pass@), sensitive query and fragment parameters, then user patterns. */
export function redactUrl(url: string, options: RedactOptions = NO_EXTRA): Redacted {
  let count = 0;
  let out = url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(out);
  if (scheme) {
    const start = scheme[0].length;
    const authorityEnd = out.slice(start).search(/[/?#]/);
    const authority = out.slice(start, authorityEnd < 0 ? undefined : start + authorityEnd);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      const masked = userinfo.includes(':') ? `${URL_MASK}:${URL_MASK}` : URL_MASK;
      if (userinfo !== masked) {
        count++;
        out = out.slice(0, start) + masked + out.slice(start + at);
      }
    }
  }
  const hash = out.indexOf('#');
  const beforeHash = hash < 0 ? out : out.slice(0, hash);
  const q = beforeHash.indexOf('?');
  let result = q < 0 ? beforeHash : beforeHash.slice(0, q + 1);
  if (q >= 0) {
    const params = redactParams(beforeHash.slice(q + 1));
    result += params.text;
    count += params.count;
  }
  if (hash >= 0) {
    const fragment = out.slice(hash + 1);
    // Only a fragment made of parameters (OAuth's #access_token=…) is treated as one.
    const params = fragment.includes('=') ? redactParams(fragment) : { text: fragment, count: 0 };
    result += `#${params.text}`;
    count += params.count;
  }
  const extra = applyExtra(result, options, URL_MASK);
  return { text: extra.text, count: count + extra.count };
}

const URL_IN_TEXT = /\b(?:wss?|https?|ftp):\/\/[^\s"'<>\\`]+/gi;

/** Free text (a non-JSON payload, a JSON string's contents, a stack or a close reason). */
export function redactText(text: string, options: RedactOptions = NO_EXTRA, mask = VALUE_MASK): Redacted {
  let count = 0;
  // Most strings hold no URL: skip the regex scan for them.
  const withUrls = !text.includes('://')
    ? text
    : text.replace(URL_IN_TEXT, (match) => {
        // Sentence punctuation and the ")" closing a stack frame follow URLs in text; they are not part of them.
        const url = match.replace(/[)\].,;:!?]+$/, '');
        const r = redactUrl(url, NO_EXTRA);
        count += r.count;
        return r.text + match.slice(url.length);
      });
  const extra = applyExtra(withUrls, options, mask);
  return { text: extra.text, count: count + extra.count };
}

/** Compiles user patterns, one regex per line; an invalid one is reported, not thrown. */
export function compilePatterns(source: string): { ok: true; options: RedactOptions } | { ok: false; error: string } {
  const extra: RegExp[] = [];
  for (const line of source.split('\n')) {
    const pattern = line.trim();
    if (!pattern) continue;
    try {
      extra.push(new RegExp(pattern, 'g'));
    } catch (error) {
      return { ok: false, error: `Invalid pattern ${JSON.stringify(pattern)}: ${(error as Error).message}` };
    }
  }
  return { ok: true, options: { extra } };
}
