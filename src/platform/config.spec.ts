import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', port: 4000, databaseUrl: null, bootstrapAdmin: 'admin', seedDemo: true, graphiql: true });
    expect(config.embeddedPg.dir).toMatch(/\.data\/pg$/);
    expect(config.jwt.secret).toBeTruthy();
  });

  it.each([
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ GRAPHQL_MAX_DEPTH: '1' }, 'GRAPHQL_MAX_DEPTH'],
    [{ BOOTSTRAP_ADMIN: 'has space' }, 'BOOTSTRAP_ADMIN'],
    [{ GRAPHIQL: 'sometimes' }, 'GRAPHIQL'],
    // DOMAIN.md: People and rules — no cache of who a user is may outlive a second.
    [{ VIEWER_CACHE_MS: '5000' }, 'VIEWER_CACHE_MS'],
  ])('stops on %p naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toContain(variable);
  });

  it('production needs a real secret and turns off demo data and query stats', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgres://u:p@db:5432/crm' });
    expect(config).toMatchObject({ env: 'production', seedDemo: false, exposeQueryStats: false, graphiql: false, databaseUrl: 'postgres://u:p@db:5432/crm' });
  });

  it('remembers a signed-in user for at most a second by default', () => {
    expect(loadConfig({}).viewerCacheMs).toBe(1000);
  });

  it('serves GraphiQL in production only when asked to', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), GRAPHIQL: 'true' }).graphiql).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).graphiql).toBe(true);
    expect(loadConfig({ GRAPHIQL: 'false' }).graphiql).toBe(false);
  });

  it('lets reports use half the pool by default, and never more than all of it', () => {
    expect(loadConfig({}).db).toMatchObject({ poolSize: 10, reportConnections: 5 });
    expect(loadConfig({ DB_POOL_SIZE: '1' }).db.reportConnections).toBe(1);
    expect(loadConfig({ DB_POOL_SIZE: '4', DB_REPORT_CONNECTIONS: '4' }).db.reportConnections).toBe(4);
    expect(() => loadConfig({ DB_POOL_SIZE: '4', DB_REPORT_CONNECTIONS: '5' })).toThrow(/DB_REPORT_CONNECTIONS/);
  });
});
