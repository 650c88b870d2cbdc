import { isIP } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * ioredis options for a `redis://` or `rediss://` URL: host, port, database, user and password
 * (URL-decoded) are passed through; `rediss://` turns TLS on (Node's CAs; add your own with
 * NODE_EXTRA_CA_CERTS). `maxRetriesPerRequest: null` is what BullMQ workers require.
 */
export function redisOptions(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueUrlError(url, 'a URL like redis://HOST:PORT[/DB] or rediss://:PASSWORD@HOST:PORT[/DB]');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new QueueUrlError(url, 'a redis:// or rediss:// URL');
  if (parsed.hostname === '') throw new QueueUrlError(url, 'a host');
  const dbText = parsed.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!/^\d*$/.test(dbText) || !Number.isSafeInteger(db) || db < 0 || db > 2 ** 31 - 1) throw new QueueUrlError(url, 'a database number after the port, like /0');
  const options: RedisOptions = {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    db,
    maxRetriesPerRequest: null,
  };
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  // SNI takes host names only (Node warns about an IP address).
  if (parsed.protocol === 'rediss:') options.tls = isIP(options.host!) ? {} : { servername: options.host };
  return options;
}

/** The URL with its password replaced by `***`, for logs and status output. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}

export class QueueUrlError extends Error {
  override name = 'QueueUrlError';
  constructor(url: string, expected: string) {
    super(`--queue: expected ${expected}, got ${JSON.stringify(redactUrl(url) === '(invalid URL)' ? url.replace(/:[^:@/]*@/, ':***@') : redactUrl(url))}`);
  }
}

/**
 * The broker cannot be used: connection refused, unknown host, not a Redis server, a TLS
 * handshake that fails, a refused password or database. The message is one line.
 */
export class BrokerError extends Error {
  override name = 'BrokerError';
}

/** How long `checkBroker` waits for a broker to answer. */
export const BROKER_TIMEOUT_MS = 10_000;

/**
 * Connects once, without retrying, and checks that the URL's broker answers PING and accepts
 * the URL's database — so a wrong URL fails within `timeoutMs` with one line instead of
 * ioredis retrying forever with a stack trace per attempt. Call it before using a URL.
 */
export async function checkBroker(url: string, timeoutMs = BROKER_TIMEOUT_MS): Promise<void> {
  const { db, ...options } = redisOptions(url);
  const where = redactUrl(url);
  const client = new Redis({ ...options, lazyConnect: true, connectTimeout: timeoutMs / 2, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false, reconnectOnError: () => false });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => (lastError ??= error));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BrokerError(`Redis at ${where} did not answer within ${timeoutMs / 1000} s (is it a Redis server? rediss:// needs TLS on the server)`)), timeoutMs);
  });
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        const pong = await client.ping();
        if (pong !== 'PONG') throw new BrokerError(`${where} is not a Redis server (PING answered ${JSON.stringify(String(pong).slice(0, 20))})`);
        if (db !== undefined && db !== 0) await client.select(db);
      })(),
      timeout,
    ]);
  } catch (error) {
    throw error instanceof BrokerError ? error : new BrokerError(describeBrokerError(where, db ?? 0, (lastError ?? error) as NodeJS.ErrnoException, options.tls !== undefined));
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

function describeBrokerError(where: string, db: number, error: NodeJS.ErrnoException, tls: boolean): string {
  const text = error.message ?? String(error);
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return `cannot connect to Redis at ${where}: connection refused (ECONNREFUSED)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot connect to Redis at ${where}: unknown host (${code})`;
  if (code === 'ETIMEDOUT' && tls) return `TLS handshake with ${where} did not complete (does the server speak TLS? use redis:// if not) (ETIMEDOUT)`;
  if (code === 'ETIMEDOUT') return `cannot connect to Redis at ${where}: timed out (ETIMEDOUT)`;
  if (/DB index is out of range|invalid DB index/i.test(text)) return `Redis at ${where} has no database ${db} (${text.split('\n')[0]})`;
  if (/WRONGPASS|NOAUTH|invalid password|AUTH/i.test(text)) return `Redis at ${where} refused the credentials (${text.split('\n')[0]})`;
  if (/protocol error|unknown reply|parse/i.test(text)) return `${where} is not a Redis server (protocol error)`;
  if (/SSL|TLS|wrong version number|EPROTO|certificate/i.test(text) || code.startsWith('ERR_SSL') || code === 'EPROTO') return `TLS handshake with ${where} failed (${code || text.split('\n')[0]})`;
  if (code === 'ECONNRESET' || /Connection is closed/i.test(text)) return `${where} closed the connection (not a Redis server, or TLS expected on one side only)`;
  return `cannot use Redis at ${where}: ${text.split('\n')[0]}`;
}
