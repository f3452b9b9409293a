import IORedis, { type Redis } from 'ioredis';

/**
 * One Redis connection as BullMQ wants it: no per-command retry limit (a worker waits out a Redis restart
 * instead of failing), reconnecting with a capped backoff.
 */
export function connectRedis(url: string, name: string): Redis {
  return new IORedis(url, {
    connectionName: name,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(200 * times, 2000),
  });
}
