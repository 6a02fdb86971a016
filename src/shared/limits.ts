/** Every buffer in SocketScope has a cap. They all live here so that the trade-offs can be read in one place. */
export const LIMITS = {
  /** The page hook keeps at most this much of one payload (UTF-16 units or bytes); the rest is counted and hashed. */
  pagePayloadCap: 1 << 20,
  /** Preview of a payload sent eagerly with each summary; the rest is fetched on demand. */
  previewChars: 1024,
  previewBytes: 512,
  /** Bytes of payload bodies a relay keeps per document before trimming the oldest bodies. */
  relayBodyBudget: 64 << 20,
  /** Events a relay keeps per document before dropping the oldest ones (counted and shown as a gap). */
  relayEventCap: 2_000_000,
  /** Events in one relay → panel batch. */
  batchEvents: 2000,
  /** Longest string accepted in URL, reason, protocol and stack fields. */
  shortText: 8192,
  /** Largest message a user can inject from the panel (characters of text, or bytes). */
  injectMax: 16 << 20,
  /** Rejected messages a relay reports in detail (the count stays exact beyond it). */
  rejectSamples: 20,
} as const;
