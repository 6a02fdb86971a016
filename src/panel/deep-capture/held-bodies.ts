/**
 * Whole bodies of worker messages longer than their preview. Deep capture's background forwards them
 * with the summaries and keeps no copy, so the panel holds them (relays answer getPayload for documents).
 * Bounded by a byte budget: past it the oldest are let go, counted, and a request for one says so.
 */
import { LIMITS } from '../../shared/limits';
import type { HeldBody, PayloadBody } from '../../shared/protocol';

const keyOf = (frame: string, seq: number) => `${frame}#${seq}`;
const sizeOf = (body: PayloadBody) => ('text' in body ? body.text.length * 2 : 'base64' in body ? body.base64.length : 0);

export class HeldBodies {
  private readonly bodies = new Map<string, PayloadBody>();
  private readonly frames = new Set<string>();
  private bytes = 0;
  trimmed = 0;

  constructor(private readonly budget: number = LIMITS.deepBodyBudget) {}

  hold(frame: string, held: HeldBody[]): void {
    this.frames.add(frame);
    for (const { seq, body } of held) {
      this.bodies.set(keyOf(frame, seq), body);
      this.bytes += sizeOf(body);
    }
    for (const [key, body] of this.bodies) {
      if (this.bytes <= this.budget) break;
      this.bodies.delete(key);
      this.bytes -= sizeOf(body);
      this.trimmed++;
    }
  }

  /** The body, a "missing" answer for a worker's event whose body was let go, or null for a document's event. */
  get(frame: string, seq: number): PayloadBody | null {
    if (!this.frames.has(frame)) return null;
    return this.bodies.get(keyOf(frame, seq)) ?? { missing: 'the panel let this worker message go to stay within its memory budget' };
  }
}

export const heldBodies = new HeldBodies();
