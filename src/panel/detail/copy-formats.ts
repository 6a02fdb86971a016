/** The ways a payload can be copied, shared by the detail pane's Copy buttons and a row's menu. */
import { bytesToHex } from '../../shared/codec';
import { prettyJson } from './json/print';
import type { PayloadModel } from './payload';

export type CopyFormat = 'text' | 'json' | 'base64' | 'hex';

export interface CopyChoice {
  format: CopyFormat;
  /** The accessible name, e.g. "Copy as JSON". */
  name: string;
  /** The short visible label, e.g. "JSON". */
  visible: string;
  make(): string;
}

/** Text only when there is text (binary that is valid UTF-8 too), JSON only when it parses. */
export function copyChoices(model: PayloadModel): CopyChoice[] {
  const { text, json } = model;
  const choices: CopyChoice[] = [];
  if (text !== null) choices.push({ format: 'text', name: 'Copy as text', visible: 'text', make: () => text });
  if (json?.ok) {
    choices.push({ format: 'json', name: 'Copy as JSON', visible: 'JSON', make: () => prettyJson(json.root, text?.length ?? 0) });
  }
  choices.push({ format: 'base64', name: 'Copy as base64', visible: 'base64', make: model.base64 });
  choices.push({ format: 'hex', name: 'Copy as hex', visible: 'hex', make: () => bytesToHex(model.bytes()) });
  return choices;
}
