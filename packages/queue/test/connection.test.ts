import { redactUrl, redisOptions } from '../src';

describe('redisOptions', () => {
  it('passes host, port and database through', () => {
    expect(redisOptions('redis://10.0.0.5:6390/2')).toEqual({ host: '10.0.0.5', port: 6390, db: 2, maxRetriesPerRequest: null });
    expect(redisOptions('redis://broker')).toEqual({ host: 'broker', port: 6379, db: 0, maxRetriesPerRequest: null });
  });

  it('turns TLS on for rediss:// and passes user and password (URL-decoded)', () => {
    expect(redisOptions('rediss://:p%40ss@host:6380/0')).toEqual({ host: 'host', port: 6380, db: 0, password: 'p@ss', tls: { servername: 'host' }, maxRetriesPerRequest: null });
    expect(redisOptions('rediss://alice:secret@host:6380')).toMatchObject({ username: 'alice', password: 'secret', tls: { servername: 'host' } });
  });

  it('refuses other URLs, without echoing a password', () => {
    expect(() => redisOptions('http://host:1')).toThrow('expected a redis:// or rediss:// URL');
    expect(() => redisOptions('redis://host:1/x')).toThrow('a database number');
    expect(() => redisOptions('not a url')).toThrow('--queue: expected a URL like');
    expect(() => redisOptions('http://:secret@host:1')).not.toThrow(/secret/);
  });

  it('redacts passwords for logs', () => {
    expect(redactUrl('rediss://:secret@host:6380/0')).toBe('rediss://:***@host:6380/0');
    expect(redactUrl('redis://host:6379')).toBe('redis://host:6379');
  });
});
