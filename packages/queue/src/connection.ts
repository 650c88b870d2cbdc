import type { RedisOptions } from 'ioredis';

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
  if (!Number.isSafeInteger(db) || db < 0) throw new QueueUrlError(url, 'a database number after the port, like /0');
  const options: RedisOptions = {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    db,
    maxRetriesPerRequest: null,
  };
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  if (parsed.protocol === 'rediss:') options.tls = { servername: options.host };
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
