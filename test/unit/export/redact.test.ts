import { describe, expect, it } from 'vitest';
import { redactPayload } from '../../../src/panel/export/redact-json';
import { isSensitiveKey, isSensitiveParam } from '../../../src/panel/export/redact-keys';
import { compilePatterns, redactText, redactUrl } from '../../../src/panel/export/redact-text';

const M = '[REDACTED]';

describe('sensitive keys', () => {
  it.each([
    'token',
    'access_token',
    'refreshToken',
    'X-Auth-Token',
    'apiKey',
    'api_key',
    'APIKey',
    'password',
    'client_secret',
    'Authorization',
    'sessionId',
    'sid',
    'jwt',
    'cookie',
    'credentials',
    'csrfToken',
    'private_key',
    'accesstoken',
  ])('%s is sensitive', (key) => expect(isSensitiveKey(key)).toBe(true));
  it.each([
    'author',
    'authorName',
    'tokenizer',
    'secretary',
    'type',
    'user',
    'key',
    'max_tokens',
    'token_type',
    'session_expires',
    'passage',
    'signal',
  ])('%s is not', (key) => expect(isSensitiveKey(key)).toBe(false));
  it('URL parameters also cover the bare `key`', () => {
    for (const name of [
      'key',
      'token',
      'access_token',
      'auth',
      'api_key',
      'apikey',
      'signature',
      'sig',
      'password',
      'secret',
      'session',
      'X-Amz-Signature',
    ]) {
      expect(isSensitiveParam(name), name).toBe(true);
    }
    expect(isSensitiveParam('room')).toBe(false);
  });
});

describe('JSON payloads', () => {
  it('masks every planted secret and changes nothing else (formatting included)', () => {
    const src = `{
  "type": "login",
  "access_token": "tok-1",
  "user": {"name": "bob", "password": "pw-2", "apiKey": "key-3", "age": 42},
  "headers": [{"Authorization": "Bearer tok-4"}],
  "price": 1.50, "ok": true, "author": "alice", "max_tokens": 100
}`;
    const expected = src
      .replace('"tok-1"', `"${M}"`)
      .replace('"pw-2"', `"${M}"`)
      .replace('"key-3"', `"${M}"`)
      .replace('"Bearer tok-4"', `"${M}"`);
    const r = redactPayload(src);
    expect(r.text).toBe(expected);
    expect(r.count).toBe(4);
    expect(() => JSON.parse(r.text)).not.toThrow();
  });

  it('masks every leaf under a sensitive container, and numeric passwords', () => {
    const r = redactPayload(
      '{"credentials":{"user":"bob","pin":1234,"list":["a",{"x":"b"}]},"password":987654,"usage":{"prompt_tokens":12}}',
    );
    expect(JSON.parse(r.text)).toEqual({
      credentials: { user: M, pin: M, list: [M, { x: M }] },
      password: M,
      usage: { prompt_tokens: 12 },
    });
    expect(r.count).toBe(5);
  });

  it('leaves null, booleans, empty strings and already-masked values alone', () => {
    const src = '{"token":null,"secret":false,"password":"","sid":"[REDACTED]"}';
    expect(redactPayload(src)).toEqual({ text: src, count: 0 });
  });

  it('handles escapes in keys and values, and Socket.IO prefixes', () => {
    const src = '42["auth",{"acc\\u0065ss_token":"a\\"b\\\\","msg":"say \\"hi\\""}]';
    const r = redactPayload(src);
    expect(r.text).toBe(`42["auth",{"acc\\u0065ss_token":"${M}","msg":"say \\"hi\\""}]`);
    expect(r.count).toBe(1);
  });

  it('masks URLs with secrets inside string values', () => {
    const r = redactPayload('{"next":"wss://x.example/s?room=1&token=abc","note":"plain"}');
    expect(r.text).toBe('{"next":"wss://x.example/s?room=1&token=REDACTED","note":"plain"}');
    expect(r.count).toBe(1);
  });

  it('handles a preview cut in the middle of a secret or of the document', () => {
    expect(redactPayload('{"a":1,"token":"abcdef').text).toBe(`{"a":1,"token":"${M}`);
    const cut = redactPayload('{"password":"pw","list":[1,2,{"nested":"x?token=');
    expect(cut.text).toBe(`{"password":"${M}","list":[1,2,{"nested":"x?token=`);
    expect(cut.count).toBe(1);
  });

  it('survives hostile nesting without recursion', () => {
    const deep = `${'['.repeat(100_000)}{"token":"t"}${']'.repeat(100_000)}`;
    const r = redactPayload(deep);
    expect(r.count).toBe(1);
    expect(r.text).toContain(`{"token":"${M}"}`);
  });

  it('treats non-JSON text as text', () => {
    expect(redactPayload('token=abc')).toEqual({ text: 'token=abc', count: 0 });
    expect(redactPayload('see https://u:p@h.example/x').text).toBe('see https://REDACTED:REDACTED@h.example/x');
  });
});

describe('URLs', () => {
  it('masks credentials and token-like parameters, nothing else', () => {
    const r = redactUrl('wss://bob:hunter2@api.example:8443/ws/v1?room=7&token=abc&Signature=s1&lang=en&api_key=k#frag');
    expect(r.text).toBe(
      'wss://REDACTED:REDACTED@api.example:8443/ws/v1?room=7&token=REDACTED&Signature=REDACTED&lang=en&api_key=REDACTED#frag',
    );
    expect(r.count).toBe(4);
  });
  it('masks OAuth fragments and encoded names, keeps empty values and plain URLs', () => {
    expect(redactUrl('https://a.example/cb#access_token=xyz&state=1').text).toBe('https://a.example/cb#access_token=REDACTED&state=1');
    expect(redactUrl('wss://a.example/?acc%65ss_token=1').text).toBe('wss://a.example/?acc%65ss_token=REDACTED');
    expect(redactUrl('wss://a.example/?token=&x=1')).toEqual({ text: 'wss://a.example/?token=&x=1', count: 0 });
    expect(redactUrl('wss://a.example/path')).toEqual({ text: 'wss://a.example/path', count: 0 });
    expect(redactUrl('wss://user@a.example/').text).toBe('wss://REDACTED@a.example/');
  });
  it('finds URLs inside free text such as stacks', () => {
    expect(redactText('at f (https://a.example/app.js?sig=1:10:5)').text).toBe('at f (https://a.example/app.js?sig=REDACTED)');
  });
});

describe('user patterns', () => {
  it('masks every match in text and JSON string values, keeping JSON valid', () => {
    const compiled = compilePatterns('\\bSSN-\\d+\\b\n\n  card:\\d{4}  ');
    if (!compiled.ok) throw new Error(compiled.error);
    const r = redactPayload('{"note":"SSN-123 and SSN-456","card":"card:1234","n":"SSN"}', compiled.options);
    expect(JSON.parse(r.text)).toEqual({ note: `${M} and ${M}`, card: M, n: 'SSN' });
    expect(r.count).toBe(3);
    expect(redactUrl('wss://a.example/?id=SSN-9', compiled.options).text).toBe('wss://a.example/?id=REDACTED');
  });
  it('masks a whole string when a pattern would break an escape', () => {
    const compiled = compilePatterns('b\\\\');
    if (!compiled.ok) throw new Error(compiled.error);
    const r = redactPayload('{"x":"ab\\"c"}', compiled.options);
    expect(JSON.parse(r.text)).toEqual({ x: M });
  });
  it('reports an invalid pattern', () => {
    const compiled = compilePatterns('ok\n(unclosed');
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.error).toMatch(/Invalid pattern "\(unclosed"/);
  });
});
