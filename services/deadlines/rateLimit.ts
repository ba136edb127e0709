/**
 * Token buckets for Teams' proactive-message limits. Microsoft documents ("Optimize your bot
 * with rate limiting in Teams") 7 messages a second to one conversation (8 in 2 s, 60 in
 * 30 s) and a global 50 requests a second per app per tenant, counting every request: a
 * first 1:1 message is two (opening the chat, then the message), and the replies to turns
 * share the same 50. So the app sends at most 20 proactive messages a second (40 requests
 * when each opens a chat, leaving room for the replies), and 7 a second to one conversation.
 * `take(key)` waits until both the app's bucket and the conversation's bucket have a token;
 * `pause(ms)` holds every send back after a 429 told us to slow down. The buckets hold one
 * token, so sends are spaced evenly (1/7 s, 1/20 s) and no window of one second ever holds
 * more than the limit; a bigger bucket would allow a burst on top of the rate.
 */
export interface RateLimits {
  perConversationPerSecond: number;
  perAppPerSecond: number;
}

export const TEAMS_LIMITS: RateLimits = { perConversationPerSecond: 7, perAppPerSecond: 20 };

type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class TokenBucket {
  private tokens: number;
  private updated: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.tokens = 1;
    this.updated = now();
  }

  /** How long until a token is available: 0 when one is there now. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }

  /** Spends a token; call only after `waitMs()` said 0, in the same synchronous step. */
  take(): void {
    this.tokens -= 1;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(1, this.tokens + ((now - this.updated) / 1000) * this.perSecond);
    this.updated = now;
  }

  /** True when the bucket is full again, i.e. it remembers nothing worth keeping. */
  idle(): boolean {
    return this.tokens + ((this.now() - this.updated) / 1000) * this.perSecond >= 1;
  }
}

export class RateLimiter {
  private readonly app: TokenBucket;
  private readonly conversations = new Map<string, TokenBucket>();
  private pausedUntil = 0;

  constructor(
    private readonly limits: RateLimits = TEAMS_LIMITS,
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: Sleep = realSleep,
  ) {
    this.app = new TokenBucket(limits.perAppPerSecond, now);
  }

  /** Resolves when a message may be sent to this conversation. */
  async take(conversation: string): Promise<void> {
    for (;;) {
      const paused = this.pausedUntil - this.now();
      if (paused > 0) {
        await this.sleep(paused);
        continue;
      }
      const bucket = this.bucketOf(conversation);
      const wait = Math.max(this.app.waitMs(), bucket.waitMs());
      if (wait === 0) {
        this.app.take();
        bucket.take();
        return;
      }
      await this.sleep(wait);
    }
  }

  /** Holds every send back for `ms` (Retry-After of a 429). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private bucketOf(conversation: string): TokenBucket {
    let bucket = this.conversations.get(conversation);
    if (!bucket) {
      if (this.conversations.size > 1000) {
        for (const [key, b] of this.conversations) if (b.idle()) this.conversations.delete(key);
      }
      bucket = new TokenBucket(this.limits.perConversationPerSecond, this.now);
      this.conversations.set(conversation, bucket);
    }
    return bucket;
  }
}
