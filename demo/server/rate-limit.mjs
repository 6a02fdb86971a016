// Sliding-window rate limiter: at most `max` events in any `windowMs` span.

export class RateLimiter {
  /**
   * @param {number} max events allowed per window; 0 or Infinity disables the limit
   * @param {number} windowMs window length in milliseconds
   */
  constructor(max, windowMs) {
    this.max = max;
    this.windowMs = windowMs;
    /** @type {number[]} */
    this.stamps = [];
  }

  /**
   * Record one event and say whether it is allowed. Rejected events are not recorded,
   * so a client that stops flooding recovers after one window.
   * @param {number} [now]
   */
  allow(now = Date.now()) {
    if (!(this.max > 0) || this.max === Number.POSITIVE_INFINITY) return true;
    const cutoff = now - this.windowMs;
    let drop = 0;
    while (drop < this.stamps.length && this.stamps[drop] <= cutoff) drop++;
    if (drop > 0) this.stamps.splice(0, drop);
    if (this.stamps.length >= this.max) return false;
    this.stamps.push(now);
    return true;
  }
}
