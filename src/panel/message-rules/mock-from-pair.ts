/**
 * "Create mock from this pair": an editor draft that answers requests like the paired one with its
 * response. The match picks the request's kind (its `type`, `method` or `event` field when it is JSON, else
 * a piece of its text); the template is the response with the pairing id's value replaced by `{{<id path>}}`,
 * so that each mocked request gets its own id back. Pure.
 */

import { globalJsonOps } from '../../shared/json-ops';
import { getJsonPath, parseJsonPath, setJsonPath } from '../../shared/json-path';
import { LIMITS } from '../../shared/limits';
import { emptyDraft, type RuleDraft } from './draft';

const KIND_FIELDS = ['type', 'method', 'event', 'action', 'op'] as const;
/** A text match uses the request's first characters: enough to tell requests apart, short enough to read. */
const CONTAINS_CHARS = 64;

export interface PairForMock {
  /** The request's socket URL (its query left out: tokens and the like change per session). */
  url: string;
  request: string;
  response: string;
  /** The id paths pairing uses on this origin (settings), in order. */
  idPaths: readonly string[];
  /** The pair's latency, used as the mock's delay. */
  latencyMs?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The value at a dotted id path (`requestId`, `meta.id`): the rule engine's own JSON paths, so both read one syntax. */
function at(value: unknown, path: string): unknown {
  const steps = parseJsonPath(path);
  return typeof steps === 'string' ? undefined : getJsonPath(globalJsonOps, value, steps).value;
}

const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number';

/** The first id path whose value the request and the response share (JSON-RPC's `id` as a last resort). */
export function sharedIdPath(request: unknown, response: unknown, idPaths: readonly string[]): string | null {
  for (const path of [...idPaths, 'id']) {
    const mine = at(request, path);
    if (isScalar(mine) && at(response, path) === mine) return path;
  }
  return null;
}

/** The response as a template: its id value replaced by a placeholder (the rest as the server sent it). */
export function responseTemplate(response: string, idPath: string | null): string {
  const parsed = parse(response);
  if (idPath === null || parsed === undefined) return response;
  // A marker no response holds stands in for the value, then becomes the placeholder once serialised.
  const marker = `\u0000socketscope-id-${idPath}\u0000`;
  const steps = parseJsonPath(idPath);
  if (typeof steps === 'string' || typeof setJsonPath(globalJsonOps, parsed, steps, marker) === 'string') return response;
  return JSON.stringify(parsed).replace(JSON.stringify(marker), `{{${idPath}}}`);
}

function socketUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '';
  }
}

export function mockDraftFromPair(pair: PairForMock): RuleDraft {
  const request = parse(pair.request);
  const response = parse(pair.response);
  const draft: RuleDraft = { ...emptyDraft(), url: socketUrl(pair.url), dir: 'send', action: 'mock' };
  const kind = isRecord(request) ? KIND_FIELDS.find((field) => typeof request[field] === 'string') : undefined;
  if (kind !== undefined && isRecord(request)) {
    draft.match = 'json-equals';
    draft.jsonPath = kind;
    draft.jsonValue = JSON.stringify(request[kind]);
  } else {
    draft.match = 'contains';
    draft.matchText = pair.request.slice(0, CONTAINS_CHARS);
  }
  draft.template = responseTemplate(pair.response, sharedIdPath(request, response, pair.idPaths)).slice(0, LIMITS.ruleTemplate);
  if (pair.latencyMs !== undefined) draft.responseDelayMs = String(Math.min(Math.round(pair.latencyMs), LIMITS.ruleDelayMax));
  return draft;
}
