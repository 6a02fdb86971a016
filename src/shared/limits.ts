/** Every buffer in SocketScope has a cap. They all live here so that the trade-offs can be read in one place. */
export const LIMITS = {
  /** The page hook keeps at most this much of one payload (UTF-16 units or bytes); the rest is counted and hashed. */
  pagePayloadCap: 1 << 20,
  /** Events the hook keeps while no relay is connected; past it the oldest half is dropped and reported as a fault. */
  pagePendingEvents: 50_000,
  /**
   * Events and text (UTF-16 units) of batches the hook has posted but the relay has not acknowledged yet, kept for
   * the final hand-over; past either, the oldest (all but certainly delivered) are let go.
   */
  pageRetainedEvents: 20_000,
  pageRetainedText: 16 * 1024 * 1024,
  /**
   * Text payloads longer than their preview stay in the hook, which sends the relay only what the panel's summary
   * needs (the preview, the exact size); the relay asks for a body when the panel does. Bytes (2 per UTF-16 unit)
   * of such bodies the hook keeps per document; past it the oldest are let go, each trim counted and reported.
   */
  pageBodyBudget: 64 << 20,
  /** How long the relay waits for the hook to answer a body request before it answers the panel without it. */
  pageBodyWaitMs: 5_000,
  /** Body requests the relay may have waiting on the hook at once; past it the oldest is answered without its body. */
  pageBodyRequests: 64,
  /** Bytes of small binary payloads packed into one batch's buffer; past it a payload gets a buffer of its own. */
  pagePackBytes: 8 * 1024 * 1024,
  /** Events in one page → relay batch or hand-over list that the relay accepts (a larger one is rejected whole). */
  pageBatchEvents: 1_000_000,
  /** Frames of a socket's creation stack the hook records (its own frames left out). */
  pageStackFrames: 6,
  /** Lines of an exception's stack the hook reads when it takes its own frames out (all of any real stack). */
  pageStackLines: 1 << 20,
  /** Characters of an exception's "Name: message" and of a fault report written by the hook. */
  pageErrorText: 500,
  /** Characters of the hand-over token (128 random bits as hex). */
  handoverToken: 32,
  /** Preview of a payload sent eagerly with each summary; the rest is fetched on demand. */
  previewChars: 1024,
  previewBytes: 512,
  /** Longest preview accepted on the wire: room over both previewChars of text and the base64 of previewBytes. */
  previewWireChars: 1024 * 4,
  /** Bytes of payload bodies a relay keeps per document before trimming the oldest bodies. */
  relayBodyBudget: 64 << 20,
  /** Events a relay keeps per document before dropping the oldest ones (counted and shown as a gap). */
  relayEventCap: 2_000_000,
  /**
   * Timeline rows the panel keeps (about 155 B each: 3 M rows is ~470 MB). Past it the oldest rows are
   * dropped, a twentieth at a time so that the cost is paid rarely, and counted in the status bar;
   * connection totals, stats and the chart keep counting them.
   */
  panelRows: 3_000_000,
  /** Events in one relay → panel batch. */
  batchEvents: 2000,
  /**
   * Characters of one batch's JSON (event-batch.ts); a longer batch is split. Far above one event's worst case
   * (its capped fields, escaped), and under Chromium's 64 MiB per runtime message once the batch is UTF-8.
   */
  batchJsonChars: 8 << 20,
  /** How soon a live batch leaves the relay after a quiet spell: the panel looks live. */
  liveFlushMs: 16,
  /**
   * Under a steady stream, batches leave at most this often. Every runtime-port message costs the
   * browser process, the service worker and the panel a price of its own besides its bytes: 16 ms
   * batches during a 200,000-event burst cost them about twice the CPU time of 100 ms ones (P2 in
   * bench/PERFORMANCE.md, issue #17 session 10).
   */
  busyFlushMs: 100,
  /** Longest string accepted in URL, reason, protocol and stack fields. */
  shortText: 8192,
  /** Longest identifier: a document key, a payload hash. */
  keyChars: 64,
  /** Subprotocols recorded for one socket (the rest are not recorded). */
  protocols: 64,
  /** Documents a panel may name in one sync request. */
  syncDocuments: 10_000,
  /** Largest message a user can inject from the panel (characters of text, or bytes). */
  injectMax: 16 << 20,
  /** Refusal rules (reconnection test, offline mode) the panel may hold and send, and the longest URL pattern. */
  rules: 100,
  rulePattern: 2048,
  /** Message rules (delay, drop, rewrite, mock, hold, latency, throttle) sent to a page, and their fields' lengths. */
  messageRules: 100,
  ruleText: 4096,
  ruleJsonPath: 256,
  /** A rule's regular expression: short, and run over at most ruleRegexInput characters of a frame (docs/SECURITY.md). */
  ruleRegex: 512,
  ruleRegexInput: 64 * 1024,
  ruleTemplate: 64 * 1024,
  /** Longest wait a delay, latency or mock rule may ask for (ms). */
  ruleDelayMax: 10 * 60 * 1000,
  /**
   * Frames waiting in one socket's direction (behind a delay, a throttle or a hold). Past it the oldest waiting
   * frame goes at once, early, and the rule reports it: order is kept and nothing is lost.
   */
  ruleQueue: 10_000,
  /** How long a held frame waits once no panel can answer (panel closed, link to the background lost). */
  holdOrphanMs: 5_000,
  /**
   * Deep capture: events the background may hold for one tab between two forwards (it forwards every 20 ms);
   * past it new events are dropped and counted (a panel that stopped reading must not grow the service worker).
   */
  deepPendingEvents: 20_000,
  /** Deep capture: bytes of whole bodies the panel holds for worker sockets before trimming the oldest, counted. */
  deepBodyBudget: 64 << 20,
  /** Rejected messages a relay reports in detail (the count stays exact beyond it). */
  rejectSamples: 20,
  /** Firefox worker capture: BroadcastChannels one document opens for its workers (one per rewritten worker script). */
  workerChannels: 256,
  /** Firefox worker capture: a worker that answers no ping for this long is taken as ended (its open sockets say so). */
  workerSilentMs: 5_000,
  /** Firefox worker capture: how often the page hook pings the workers it listens to. */
  workerPingMs: 1_000,
  /** Firefox worker capture: worker pseudo-documents one relay keeps; later workers are counted, not captured. */
  relayWorkers: 256,
  /** Firefox worker capture: the head of a worker script read to find where the hook goes (after its directive prologue). */
  workerScriptHead: 64 * 1024,
} as const;
