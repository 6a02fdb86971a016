/**
 * Which JSON keys and URL parameters hold secrets. Keys are split into words (camelCase, snake_case,
 * kebab-case) so that `access_token`, `apiKey` and `X-Auth-Token` match while `author` or `tokenizer` do not.
 */

// A word (or two adjacent words joined, for apiKey / private_key) that names a credential.
const SENSITIVE_WORD =
  /^(?:[a-z0-9]*token|[a-z0-9]*secret|[a-z0-9]*password|passwd|pwd|passphrase|authorization|auth|apikey|privatekey|accesskey|secretkey|jwt|bearer|cookie|session|sessionid|sid|signature|sig|credentials?|otp|csrf|xsrf)s?$/;

// Words that make a key describe a credential rather than hold one: counts, types, lifetimes.
const DESCRIPTIVE_WORDS = new Set([
  'max',
  'min',
  'count',
  'limit',
  'length',
  'len',
  'type',
  'expires',
  'expiry',
  'expiration',
  'ttl',
  'timeout',
  'usage',
  'size',
  'used',
  'remaining',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

// Payloads repeat the same keys millions of times: remember the verdicts (bounded, keys are hostile).
const verdicts = new Map<string, boolean>();

export function isSensitiveKey(name: string): boolean {
  const known = verdicts.get(name);
  if (known !== undefined) return known;
  const verdict = judge(name);
  if (verdicts.size > 10_000) verdicts.clear();
  verdicts.set(name, verdict);
  return verdict;
}

function judge(name: string): boolean {
  const parts = words(name);
  if (parts.some((w) => DESCRIPTIVE_WORDS.has(w))) return false;
  for (let i = 0; i < parts.length; i++) {
    if (SENSITIVE_WORD.test(parts[i])) return true;
    if (i + 1 < parts.length && SENSITIVE_WORD.test(parts[i] + parts[i + 1])) return true;
  }
  return false;
}

/** Counts such as `prompt_tokens` hold numbers that are not secrets; a numeric password still is one. */
export function isSensitiveNumberKey(name: string): boolean {
  return isSensitiveKey(name) && !/tokens(?![a-z])/i.test(name);
}

/** URL query (and fragment) parameters: the key rules, plus the bare `key` used by many APIs. */
export function isSensitiveParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'key' || isSensitiveKey(name);
}
