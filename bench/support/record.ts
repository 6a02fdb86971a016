/**
 * Where bench sections put their figures: one JSON file per section in BENCH_OUT, which
 * scripts/bench.mjs merges into bench/results.json and prints as a table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Comparison = '>=' | '<=' | '==';

export interface Figure {
  /** Stable id, e.g. "P1.text-64B". */
  id: string;
  label: string;
  value: number;
  unit: string;
  target?: { op: Comparison; value: number; text: string };
  /** Whether the target was met (null when there is no target). */
  met: boolean | null;
  /** Short human detail for the table (medians of both sides, counts). */
  detail: string;
}

export interface SectionResult {
  section: string;
  title: string;
  figures: Figure[];
  /** Everything else: medians, all samples, settings. */
  data: Record<string, unknown>;
  notes: string[];
  wallMs: number;
}

export const BENCH_OUT = process.env.BENCH_OUT ?? join(tmpdir(), 'socketscope-bench');
export const QUICK = process.env.BENCH_QUICK === '1';
export const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ?? '';

const chosen = () =>
  (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/** True when the section was chosen with --only (or one of its variants, `--only=p1.text-1MB`, or no --only was given). */
export function selected(section: string): boolean {
  const only = chosen();
  if (only.length === 0) return true;
  const name = section.toLowerCase();
  return only.some((s) => s === name || s.startsWith(`${name}.`));
}

/** True when a section's variant runs: the whole section was chosen, or this variant by name (`p1.text-1MB`). */
export function selectedVariant(section: string, variant: string): boolean {
  const only = chosen();
  const name = section.toLowerCase();
  if (only.length === 0 || only.includes(name)) return true;
  return only.includes(`${name}.${variant.toLowerCase()}`);
}

export function figure(
  id: string,
  label: string,
  value: number,
  unit: string,
  detail: string,
  target?: { op: Comparison; value: number; text?: string },
): Figure {
  let met: boolean | null = null;
  if (target) {
    if (!Number.isFinite(value)) met = false;
    else if (target.op === '>=') met = value >= target.value;
    else if (target.op === '<=') met = value <= target.value;
    else met = value === target.value;
  }
  return {
    id,
    label,
    value,
    unit,
    detail,
    target: target
      ? { ...target, text: target.text ?? `${target.op} ${target.value}${unit && unit !== 'x' ? ` ${unit}` : ''}` }
      : undefined,
    met,
  };
}

export function writeSection(result: SectionResult): void {
  mkdirSync(BENCH_OUT, { recursive: true });
  writeFileSync(join(BENCH_OUT, `${result.section}.json`), `${JSON.stringify(result, null, 2)}\n`);
}

/** Progress lines while a long section runs (vitest prints them as they come). */
export function step(section: string, message: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${section}: ${message}\n`);
}
