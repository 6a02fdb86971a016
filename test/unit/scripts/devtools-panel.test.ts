// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extensionIdFromKey } from '../../../scripts/devtools-panel.mjs';
import { EXTENSION_ID, ROOT } from '../../support/paths';

describe('extensionIdFromKey', () => {
  it('gives the id Chromium gives the unpacked extension (the one the browser tests see)', () => {
    const manifest = JSON.parse(readFileSync(`${ROOT}manifest.json`, 'utf8'));
    expect(extensionIdFromKey(manifest.key)).toBe(EXTENSION_ID);
  });

  it('maps every hash nibble to a–p', () => {
    expect(extensionIdFromKey('AAAA')).toMatch(/^[a-p]{32}$/);
  });
});
