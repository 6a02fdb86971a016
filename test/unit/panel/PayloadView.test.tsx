import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PayloadView } from '../../../src/panel/detail/PayloadView';
import { bytesToBase64 } from '../../../src/shared/codec';
import { allByRole, byRole, click, mount, press, settle } from './dom';

let view: ReturnType<typeof mount> | null = null;
const show = (body: { text: string } | { base64: string }, incomplete = false) => {
  view = mount(<PayloadView body={body} incomplete={incomplete} />);
  return view.root;
};
afterEach(() => {
  view?.unmount();
  view = null;
  vi.restoreAllMocks();
});

const selectedTab = (root: HTMLElement) => allByRole(root, 'tab').find((t) => t.getAttribute('aria-selected') === 'true')?.textContent;
const tabNames = (root: HTMLElement) => allByRole(root, 'tab').map((t) => t.textContent);
const panelText = (root: HTMLElement) => byRole(root, 'tabpanel').textContent ?? '';

describe('PayloadView tabs', () => {
  it('opens JSON in a tree, with Text and Hex beside it', () => {
    const root = show({ text: '{"id": 12345678901234567890, "name": "Ada"}' });
    expect(byRole(root, 'tablist', 'Payload views')).toBeTruthy();
    expect(tabNames(root)).toEqual(['Text', 'JSON', 'Hex']);
    expect(selectedTab(root)).toBe('JSON');
    const items = allByRole(byRole(root, 'tree', 'JSON tree'), 'treeitem').map((i) => i.textContent);
    expect(items).toEqual(['▾{…} 2 keys', 'id: 12345678901234567890', 'name: "Ada"']);
  });

  it('moves between tabs with the arrow keys, wrapping around', () => {
    const root = show({ text: '{"a":1}' });
    press(byRole(root, 'tab', 'JSON'), 'ArrowRight');
    expect(selectedTab(root)).toBe('Hex');
    expect(panelText(root)).toContain('00000000  7b 22 61 22 3a 31 7d');
    expect(document.activeElement?.textContent).toBe('Hex');
    press(byRole(root, 'tab', 'Hex'), 'ArrowRight');
    expect(selectedTab(root)).toBe('Text');
    press(byRole(root, 'tab', 'Text'), 'End');
    expect(selectedTab(root)).toBe('Hex');
  });

  it('flags text that looks like JSON but does not parse, with the error position', () => {
    const root = show({ text: '{"a": 1,, "b": 2}' });
    expect(panelText(root)).toContain('Invalid JSON: Unexpected character ",": expected a string key at position 8 (line 1, column 9)');
    click(byRole(root, 'tab', 'Text'));
    expect(panelText(root)).toContain('Looks like JSON, but it does not parse');
  });

  it('shows binary that is not UTF-8 as a hex dump, with Base64', () => {
    const root = show({ base64: bytesToBase64(new Uint8Array([0xff, 0x00, 0x41])) });
    expect(tabNames(root)).toEqual(['Hex', 'Base64']);
    expect(panelText(root)).toMatch(/^00000000 {2}ff 00 41 +\|\.\.A\|$/);
    expect(panelText(root)).toHaveLength('00000000  '.length + 16 * 3 + 1 + ' |..A|'.length);
    click(byRole(root, 'tab', 'Base64'));
    expect(panelText(root)).toBe('/wBB');
  });

  it('caps the hex dump and shows more on request', () => {
    const root = show({ base64: bytesToBase64(new Uint8Array(100_000).fill(0xff)) });
    const dumpLines = () => byRole(root, 'tabpanel').querySelector('pre')?.textContent?.split('\n').length;
    expect(dumpLines()).toBe(4096);
    expect(panelText(root)).toContain('Showing 65,536 of 100,000 bytes.');
    click(byRole(root, 'button', 'Show more hex'));
    expect(dumpLines()).toBe(6250);
    expect(root.querySelector('[aria-label="Show more hex"]')).toBeNull();
  });

  it('renders hostile text as text, never as markup', () => {
    const root = show({ text: '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>' });
    expect(root.querySelector('img, script')).toBeNull();
    expect(panelText(root)).toContain('<img src=x');
  });

  it('renders JSON nested 100 000 deep without overflowing', () => {
    const depth = 100_000;
    const root = show({ text: `${'['.repeat(depth)}${']'.repeat(depth)}` });
    expect(allByRole(root, 'treeitem')).toHaveLength(3);
  });
});

describe('copy buttons', () => {
  const clipboard = (writeText: (text: string) => Promise<void>) =>
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });

  it('copies pretty JSON, text, base64 and hex, and says "Copied"', async () => {
    const writes: string[] = [];
    clipboard(async (text) => {
      writes.push(text);
    });
    const root = show({ text: '{"n":1e400,"s":"é"}' });
    for (const name of ['Copy as JSON', 'Copy as text', 'Copy as base64', 'Copy as hex']) click(byRole(root, 'button', name));
    await settle();
    expect(writes).toEqual([
      '{\n  "n": 1e400,\n  "s": "é"\n}',
      '{"n":1e400,"s":"é"}',
      'eyJuIjoxZTQwMCwicyI6IsOpIn0=',
      '7b 22 6e 22 3a 31 65 34 30 30 2c 22 73 22 3a 22 c3 a9 22 7d',
    ]);
    expect(byRole(root, 'toolbar', 'Copy payload').querySelector('[role=status]')?.textContent).toBe('Copied');
  });

  it('falls back to a hidden textarea and execCommand when the Clipboard API refuses', async () => {
    clipboard(() => Promise.reject(new DOMException('Document is not focused', 'NotAllowedError')));
    let copied = '';
    const exec = vi.fn(() => {
      copied = document.querySelector('textarea')?.value ?? '';
      return true;
    });
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
    const root = show({ text: 'plain' });
    click(byRole(root, 'button', 'Copy as text'));
    await settle();
    expect(exec).toHaveBeenCalledWith('copy');
    expect(copied).toBe('plain');
    expect(document.querySelector('textarea')).toBeNull();
    expect(root.querySelector('.copy-status')?.textContent).toBe('Copied');
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    click(byRole(root, 'button', 'Copy as hex'));
    await settle();
    expect(root.querySelector('.copy-status')?.textContent).toBe('Copy failed');
  });

  it('offers only what applies: no text or JSON copy for binary that is not UTF-8', () => {
    const root = show({ base64: '/w==' });
    expect(allByRole(byRole(root, 'toolbar', 'Copy payload'), 'button').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Copy as base64',
      'Copy as hex',
    ]);
  });
});

describe('PayloadView find', () => {
  const type = async (root: HTMLElement, query: string) => {
    const input = byRole(root, 'searchbox', 'Find in payload') as HTMLInputElement;
    act(() => {
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    return input;
  };
  const marks = (root: HTMLElement) => [...root.querySelectorAll('mark')].map((m) => m.textContent);
  const status = (root: HTMLElement) => root.querySelector('.find-status')?.textContent;

  it('marks every match in the Text view and steps through them with Enter and Shift+Enter', async () => {
    const root = show({ text: 'alpha beta ALPHA gamma alpha' });
    click(byRole(root, 'tab', 'Text'));
    const input = await type(root, 'alpha');
    expect(marks(root)).toEqual(['alpha', 'ALPHA', 'alpha']);
    expect(status(root)).toBe('3 matches');
    press(input, 'Enter');
    expect(status(root)).toBe('1 of 3');
    expect(root.querySelector('mark.find-current')?.getAttribute('data-match')).toBe('0');
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true }));
    });
    expect(status(root)).toBe('3 of 3');
    press(input, 'Escape');
    await settle();
    expect(marks(root)).toEqual([]);
  });

  it('renders a hostile payload as text around the marks', async () => {
    const root = show({ text: '<img src=x onerror=alert(1)> token </script>' });
    click(byRole(root, 'tab', 'Text'));
    await type(root, 'token');
    expect(root.querySelector('img')).toBeNull();
    expect(byRole(root, 'tabpanel').textContent).toContain('<img src=x onerror=alert(1)> token </script>');
  });

  it('shows more of a long text to reach the current match', async () => {
    const root = show({ text: `${'x'.repeat(300 * 1024)}needle` });
    click(byRole(root, 'tab', 'Text'));
    const input = await type(root, 'needle');
    expect(marks(root)).toEqual([]);
    press(input, 'Enter');
    expect(marks(root)).toEqual(['needle']);
  });

  it('expands the JSON tree down to a collapsed match and marks it', async () => {
    const nested = { level1: Array.from({ length: 60 }, (_, i) => ({ id: i, inner: { deep: i === 42 ? 'needle' : 'hay' } })) };
    const root = show({ text: JSON.stringify(nested) });
    expect(selectedTab(root)).toBe('JSON');
    const input = await type(root, 'needle');
    expect(status(root)).toBe('1 matches');
    press(input, 'Enter');
    await settle();
    const current = root.querySelector('.find-current-row');
    expect(current?.textContent).toContain('deep: "needle"');
    expect([...(current?.querySelectorAll('mark') ?? [])].map((m) => m.textContent)).toEqual(['needle']);
    expect(status(root)).toBe('1 of 1');
  });
});
