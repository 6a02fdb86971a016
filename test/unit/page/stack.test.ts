/** Reading stack lines in the hook: splitting a stack into lines, and the script a line names, in V8's and SpiderMonkey's formats. */
import { describe, expect, it } from 'vitest';
import { type StackNatives, scriptOf, splitLines } from '../../../src/page/stack';

const n: StackNatives = {
  apply: Reflect.apply,
  stringSlice: String.prototype.slice,
  stringIndexOf: String.prototype.indexOf,
  stringLastIndexOf: String.prototype.lastIndexOf,
};

const HOOK = 'chrome-extension://abcdefghijklmnop/src/page/hook.iife.js';

describe('splitLines', () => {
  it('gives the lines of a stack, as String.split would, up to the maximum', () => {
    for (const raw of ['', 'Error', 'a\nb', 'a\n', '\n', 'a\n\nb\n', 'Error\n    at f (x.js:1:2)\n    at g (y.js:3:4)']) {
      expect(splitLines(n, raw, 100)).toEqual(raw.split('\n'));
    }
    expect(splitLines(n, 'a\nb\nc\nd', 2)).toEqual(['a', 'b']);
    expect(splitLines(n, 'a\nb', 0)).toEqual([]);
  });
});

describe('scriptOf', () => {
  it('names the script of a V8 line, with or without a function name', () => {
    expect(scriptOf(n, `    at Object.apply (${HOOK}:3:2335)`)).toBe(HOOK);
    expect(scriptOf(n, `    at ${HOOK}:3:2335`)).toBe(HOOK);
    expect(scriptOf(n, '    at new Chat (http://127.0.0.1:5173/app.js?v=2:10:7)')).toBe('http://127.0.0.1:5173/app.js?v=2');
    expect(scriptOf(n, '    at http://127.0.0.1:5173/:12:3')).toBe('http://127.0.0.1:5173/');
  });

  it('names the script of a SpiderMonkey line', () => {
    expect(scriptOf(n, 'apply@<anonymous code>:3:2335')).toBe('<anonymous code>');
    expect(scriptOf(n, 'connect@moz-extension://5f0e/src/page/hook.iife.js:1:99')).toBe('moz-extension://5f0e/src/page/hook.iife.js');
    expect(scriptOf(n, '@http://localhost/page.html:4:1')).toBe('http://localhost/page.html');
  });

  it('takes the nearest opening before the location when a name holds another', () => {
    // An eval frame is read from its last opening: not our script's name, so such a line is never taken for ours.
    expect(scriptOf(n, `    at eval (eval at run (${HOOK}:1:5), <anonymous>:1:1)`)).toBe(`${HOOK}:1:5), <anonymous>`);
    expect(scriptOf(n, 'a@b@http://x/y.js:1:2')).toBe('http://x/y.js');
  });

  it('is empty for a line without a line and a column', () => {
    for (const line of ['Error', '', '    at <anonymous>', 'x.js:12', ':1:2)', 'x.js:a:2', '    at native code']) {
      expect(scriptOf(n, line)).toBe('');
    }
  });

  it('reads a bare location as the whole script', () => {
    expect(scriptOf(n, 'x.js:1:2')).toBe('x.js');
  });
});
