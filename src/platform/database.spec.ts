import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable, isPoolExhausted } from './database';

describe('isDatabaseUnavailable', () => {
  it('knows the server going away mid-transaction, however TypeORM reports it', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    // The embedded server's Unix socket while it is down.
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ENOENT /srv/crm/.data/pg/.s.PGSQL.5432'), { code: 'ENOENT', syscall: 'connect' }))).toBe(true);
    // The connection's 'error' event released the query runner; the next statement of the transaction fails so.
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
  });

  it('does not mistake a bad statement for an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("ENOENT: no such file or directory, open 'x.csv'"), { code: 'ENOENT', syscall: 'open' }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe('isPoolExhausted', () => {
  it('tells a wait for a pooled connection from a connection that cannot be opened', () => {
    const waited = new Error('timeout exceeded when trying to connect');
    expect(isPoolExhausted(waited)).toBe(true);
    expect(isPoolExhausted({ message: 'Query failed', driverError: waited })).toBe(true);
    expect(isDatabaseUnavailable(waited)).toBe(false);
    const opening = new Error('Connection terminated due to connection timeout');
    expect(isPoolExhausted(opening)).toBe(false);
    expect(isDatabaseUnavailable(opening)).toBe(true);
    expect(isPoolExhausted(null)).toBe(false);
  });
});
