import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger';

export interface RedisCacheOptions {
  /** redis:// or rediss:// URL; never logged (it may carry a password). */
  url: string;
  /** Put before every key, so several deployments can share one Redis. */
  keyPrefix: string;
  /** Deadline for connecting and for each command: what a hung Redis may cost one cache call. */
  timeoutMs: number;
  /** The longest an entry lives; entries asked to live longer, or forever, get this. */
  maxTtlSeconds: number;
  /** Told once when Redis goes away and once when it is back. */
  logger: Logger;
}

/**
 * A connected Redis that stops answering (overloaded, paused) costs every call the full
 * timeout: after this many in a row it is skipped for a while. A disconnected one needs no such
 * care, its calls fail at once.
 */
const TIMEOUTS_BEFORE_SKIPPING = 3;
const SKIP_MS = 5_000;

/**
 * Apollo's KeyValueCache in Redis, for what replicas share. It never fails its caller: while
 * Redis is down or hung every read is a miss and every write is dropped, so queries go to the
 * vendors as if there were no cache, with one warning per outage.
 */
export class RedisCache implements KeyValueCache<string> {
  private readonly client: Redis;
  private readonly breaker = circuitBreaker(
    handleWhen(() => this.client.status === 'ready'),
    { halfOpenAfter: SKIP_MS, breaker: new ConsecutiveBreaker(TIMEOUTS_BEFORE_SKIPPING) },
  );
  private down = false;

  constructor(private readonly options: RedisCacheOptions) {
    this.client = new Redis(options.url, {
      keyPrefix: options.keyPrefix,
      lazyConnect: true,
      connectTimeout: options.timeoutMs,
      commandTimeout: options.timeoutMs,
      // Also how long closing waits on a socket; ioredis's 2 s would hold the process open.
      disconnectTimeout: options.timeoutMs,
      // Disconnected, a command fails at once (a miss) rather than queueing until Redis is back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // Reconnects in the background for as long as it takes, at most every 2 s.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    });
    // ioredis reports every failed (re)connect as an 'error' event; unheard, Node would print each.
    this.client.on('error', (error: Error) => this.failed(error));
    this.client.on('ready', () => this.recovered());
  }

  /** Connects at startup; an unreachable Redis is warned about, never fatal. */
  async connect(): Promise<void> {
    await this.client.connect().catch((error: unknown) => this.failed(error));
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.run(() => this.client.get(key))) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttlSeconds = Math.min(options?.ttl || Infinity, this.options.maxTtlSeconds);
    await this.run(() => this.client.set(key, value, 'PX', Math.ceil(ttlSeconds * 1000)));
  }

  async delete(key: string): Promise<boolean> {
    return (await this.run(() => this.client.del(key))) === 1;
  }

  close(): void {
    this.client.disconnect();
  }

  private async run<T>(command: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await this.breaker.execute(command);
      this.recovered();
      return result;
    } catch (error) {
      this.failed(error);
      return undefined;
    }
  }

  private failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.options.logger.warn({ reason }, 'Redis cache unavailable: answering from the vendors without it until it is back');
  }

  private recovered(): void {
    if (!this.down) return;
    this.down = false;
    this.options.logger.info('Redis cache reachable again');
  }
}
