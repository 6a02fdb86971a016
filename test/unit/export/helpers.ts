/** Builds export inputs from the fixture the way run-export does, without the UI or the download. */
import { collectPayloads } from '../../../src/panel/export/collect';
import { redactInputSync } from '../../../src/panel/export/redact-export';
import type { RedactOptions } from '../../../src/panel/export/redact-text';
import { selectForExport } from '../../../src/panel/export/select';
import type { ExportInput, FetchPayload } from '../../../src/panel/export/types';
import type { Capture } from '../../../src/panel/state/model';

export const EXPORTED_AT = Date.UTC(2024, 4, 1, 12, 34, 56, 789);

export async function exportInput(
  capture: Capture,
  options: { fetchPayload?: FetchPayload | null; visible?: ArrayLike<number> | null; connection?: string; redact?: RedactOptions } = {},
): Promise<ExportInput> {
  const selection = selectForExport(capture, options.visible ?? null, options.connection ?? 'all');
  const items = await collectPayloads(selection.rows, { fetchPayload: options.fetchPayload ?? null });
  const input: ExportInput = {
    exportedAt: EXPORTED_AT,
    creator: { name: 'SocketScope', version: 'test' },
    scope: { events: options.visible ? 'filtered' : 'all', connection: options.connection ?? 'all' },
    redaction: { enabled: false, masked: 0 },
    frames: selection.frames,
    connections: selection.connections,
    items,
  };
  return options.redact ? redactInputSync(input, options.redact) : input;
}
