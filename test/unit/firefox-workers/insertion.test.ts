import { describe, expect, it } from 'vitest';
import { hookTemplate } from '../../../src/background/firefox-workers/hook-text';
import { insertionPoint, isJavaScript } from '../../../src/background/firefox-workers/insertion';

const bytes = (text: string) => new TextEncoder().encode(text);
const at = (text: string, complete = true) => insertionPoint(bytes(text), complete, 1024);
/** The script as the worker gets it, with `HOOK` where the hook goes. */
const rewritten = (text: string) => {
  const place = at(text);
  if (!('at' in place)) throw new Error(JSON.stringify(place));
  const b = bytes(text);
  const dec = new TextDecoder('utf-8', { ignoreBOM: true });
  return `${dec.decode(b.subarray(0, place.at))}HOOK${dec.decode(b.subarray(place.at))}`;
};

describe('where the worker hook goes', () => {
  it('goes first in a script without a prologue, a module included', () => {
    expect(rewritten('importScripts("a.js");\nfoo();')).toBe('HOOKimportScripts("a.js");\nfoo();');
    expect(rewritten("import { a } from './a.js';\nexport {};")).toBe("HOOKimport { a } from './a.js';\nexport {};");
    expect(rewritten('')).toBe('HOOK');
  });

  it('goes after the directive prologue, on its line, so strictness and line numbers stay', () => {
    expect(rewritten('"use strict";\nfoo();')).toBe('"use strict";HOOK\nfoo();');
    expect(rewritten('/* licence */\n// note\n\'use strict\' ; "other";\nfoo();')).toBe(
      '/* licence */\n// note\n\'use strict\' ; "other";HOOK\nfoo();',
    );
    expect(rewritten('"a\\"b";x')).toBe('"a\\"b";HOOKx');
  });

  it('goes after a UTF-8 byte order mark and a #! line', () => {
    expect(rewritten('\uFEFF"use strict";x')).toBe('\uFEFF"use strict";HOOKx');
    expect(rewritten('#!/usr/bin/env node\nx')).toBe('#!/usr/bin/env node\nHOOKx');
    expect(rewritten('#!/usr/bin/env node\r\n"use strict";x')).toBe('#!/usr/bin/env node\r\n"use strict";HOOKx');
  });

  it('leaves alone what it cannot read for sure, and says why', () => {
    expect(insertionPoint(new Uint8Array([0xff, 0xfe, 0x41, 0]), true, 1024)).toEqual({ skip: 'a UTF-16 script' });
    expect(insertionPoint(new Uint8Array([0xfe, 0xff, 0, 0x41]), true, 1024)).toEqual({ skip: 'a UTF-16 script' });
    expect(at('"use strict"\nfoo();')).toEqual({ skip: 'a directive prologue without semicolons' });
    expect(at('"a\nb";')).toEqual({ skip: 'a string broken across lines in its prologue' });
    expect(at('/* never ends')).toEqual({ skip: 'an unterminated comment' });
    expect(at('\u00a0"use strict";')).toEqual({ skip: 'characters other than ASCII before its first statement' });
  });

  it('asks for more bytes until it knows, up to its cap', () => {
    expect(at('"use str', false)).toEqual({ more: true });
    expect(at('/* long', false)).toEqual({ more: true });
    expect(at('"use strict";x', false)).toEqual({ at: 13 });
    expect(insertionPoint(bytes(`/*${'x'.repeat(2000)}`), false, 1024)).toEqual({ skip: 'no first statement in its first 1024 bytes' });
  });

  it('knows JavaScript types', () => {
    expect(isJavaScript('text/javascript; charset=utf-8')).toBe(true);
    expect(isJavaScript('Application/JavaScript')).toBe(true);
    expect(isJavaScript('text/html')).toBe(false);
    expect(isJavaScript(undefined)).toBe(false);
  });
});

describe('the hook template', () => {
  it('writes the configuration as an object literal and ends with a semicolon', () => {
    const template = hookTemplate('(function(){run(`__SOCKETSCOPE_WORKER_CONFIG__`)})()\n');
    expect(typeof template).toBe('function');
    const text = new TextDecoder().decode((template as (c: object) => Uint8Array)({ name: 'ab', kind: 'shared worker', probe: 'p' }));
    expect(text).toBe('(function(){run({"name":"ab","kind":"shared worker","probe":"p"})})();');
  });

  it('refuses a bundle on several lines or without its placeholder', () => {
    expect(hookTemplate('a\nb("__SOCKETSCOPE_WORKER_CONFIG__")')).toBe('the worker hook bundle spans several lines');
    expect(hookTemplate('a()')).toBe('the worker hook bundle has no single configuration placeholder');
  });
});
