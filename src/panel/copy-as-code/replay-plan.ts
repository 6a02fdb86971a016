/**
 * What a "copy as code" script replays: a connection's URL and subprotocols, and the messages the page
 * sent on it, each with the time since the previous one. Pure, so that the generators are tested on
 * plain fixtures. A message whose whole body SocketScope does not have is left out and counted: sending
 * its first part would reproduce something the page never sent.
 */

export type ReplayBody = { text: string } | { base64: string };

/** A sent message as the panel knows it: when, and its body (`trimmed` when only a part was kept). */
export interface CapturedSend {
  t: number;
  body: ReplayBody;
  trimmed: boolean;
}

export interface ReplayMessage {
  /** Milliseconds to wait after the previous message (or after the connection opened). */
  delayMs: number;
  body: ReplayBody;
}

export interface ReplayPlan {
  ordinal: number;
  url: string;
  protocols: readonly string[];
  messages: ReplayMessage[];
  /** Messages left out because only their first part (or preview) was captured. */
  partial: number;
  /** Messages left out because the script's payload budget was spent. */
  overBudget: number;
}

/**
 * Characters of payload one script embeds at most. The page keeps at most 1 MiB of a message, so this
 * is only reached by long sessions; past it, messages are left out and the script says how many.
 */
export const SCRIPT_PAYLOAD_BUDGET = 16 << 20;

export interface ReplaySource {
  ordinal: number;
  url: string;
  protocols: readonly string[];
  /** When the connection opened (or was created, if it never opened): the first delay counts from here. */
  startedAt: number;
  sends: readonly CapturedSend[];
}

const bodyChars = (body: ReplayBody): number => ('text' in body ? body.text.length : body.base64.length);

export function planReplay(source: ReplaySource, budget = SCRIPT_PAYLOAD_BUDGET): ReplayPlan {
  const plan: ReplayPlan = {
    ordinal: source.ordinal,
    url: source.url,
    protocols: source.protocols,
    messages: [],
    partial: 0,
    overBudget: 0,
  };
  let spent = 0;
  let previous = source.startedAt;
  for (const send of source.sends) {
    if (send.trimmed) {
      plan.partial++;
      continue;
    }
    const chars = bodyChars(send.body);
    if (spent + chars > budget) {
      plan.overBudget++;
      continue;
    }
    spent += chars;
    // Left-out messages add their time to the next one, so that the spacing of what is sent stays true.
    plan.messages.push({ delayMs: Math.max(0, Math.round(send.t - previous)), body: send.body });
    previous = send.t;
  }
  return plan;
}

/** Comment lines (no captured text, only counts) that every generated script starts with. */
export function describePlan(plan: ReplayPlan): string[] {
  const n = plan.messages.length;
  const lines = [
    `Replays WebSocket connection #${plan.ordinal} as SocketScope captured it: the same URL and subprotocols,`,
    `then the ${n} message${n === 1 ? '' : 's'} the page sent, with the same time between them.`,
  ];
  if (plan.partial > 0) {
    lines.push(
      `Left out: ${plan.partial} message${plan.partial === 1 ? '' : 's'} only partly captured (the page keeps 1 MiB of a message at most).`,
    );
  }
  if (plan.overBudget > 0) {
    lines.push(
      `Left out: ${plan.overBudget} message${plan.overBudget === 1 ? '' : 's'} past this script's ${SCRIPT_PAYLOAD_BUDGET >> 20} MiB of embedded payloads.`,
    );
  }
  lines.push("The browser's cookies, headers and origin are not reproduced.");
  return lines;
}
