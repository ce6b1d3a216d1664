import net from 'node:net';
import { MAX_VIEWER_CACHE_MS } from '../../src/platform/auth/viewer-cache';
import request from 'supertest';
import { createTestDatabase, errorCodes, startTestApp } from '../support/harness';

/** A TCP proxy in front of PostgreSQL that the test can cut and restore, to play a database outage; `url` reaches the database through it. */
async function startProxy(databaseUrl: string) {
  const targetPort = Number(new URL(databaseUrl).port);
  const sockets = new Set<net.Socket>();
  let open = true;
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(databaseUrl);
  url.port = String((server.address() as net.AddressInfo).port);
  url.searchParams.delete('host'); // the embedded server's Unix socket would bypass the TCP proxy
  return {
    url: url.toString(),
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore() {
      open = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a database outage', () => {
  it('fails readiness and requests fast with SERVICE_UNAVAILABLE, then recovers by itself', async () => {
    const database = await createTestDatabase();
    const proxy = await startProxy(database.url);
    const t = await startTestApp({ DATABASE_URL: proxy.url, DB_CONNECT_TIMEOUT_MS: '500' });
    try {
      expect((await t.gql('admin', '{ viewer { name } }')).body.data.viewer.name).toBe('系统管理员');

      proxy.cut();
      const ready = await request(t.app.express).get('/readyz');
      expect(ready.status).toBe(503);
      const started = Date.now();
      const res = await t.gql('admin', '{ viewer { name } }');
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.status).toBe(503);
      expect(res.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|select/i);

      proxy.restore();
      expect((await request(t.app.express).get('/readyz')).status).toBe(200);
      expect((await t.gql('admin', '{ viewer { name } }')).body.data.viewer.name).toBe('系统管理员');
    } finally {
      await t.close().catch(() => undefined);
      await proxy.close();
      await database.drop();
    }
  });

  it('answers HTTP 503 also when a resolver, not the sign-in, meets the outage', async () => {
    const database = await createTestDatabase();
    const proxy = await startProxy(database.url);
    // A cached viewer: the request gets past sign-in without the database and fails in its resolver.
    const t = await startTestApp({ DATABASE_URL: proxy.url, DB_CONNECT_TIMEOUT_MS: '500', VIEWER_CACHE_MS: '1000' });
    try {
      expect((await t.gql('admin', '{ regions { code } }')).status).toBe(200);
      proxy.cut();
      const res = await t.gql('admin', '{ regions { code } }');
      expect(res.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.status).toBe(503);
      proxy.restore();
      // Back within seconds; polled, since a loaded machine may need more than one connect timeout for the first connection.
      const deadline = Date.now() + 15000;
      let back = await t.gql('admin', '{ regions { code } }');
      while (back.status !== 200 && Date.now() < deadline) back = await t.gql('admin', '{ regions { code } }');
      expect(back.status).toBe(200);
    } finally {
      await t.close().catch(() => undefined);
      await proxy.close();
      await database.drop();
    }
  });
});

describe('a server out of database connections', () => {
  it('answers 503 SERVER_BUSY with Retry-After, not an outage, and serves again once a connection is free', async () => {
    const t = await startTestApp({ DB_POOL_SIZE: '1', DB_CONNECT_TIMEOUT_MS: '300', VIEWER_CACHE_MS: String(MAX_VIEWER_CACHE_MS) });
    const held = t.db.createQueryRunner();
    try {
      expect((await t.gql('admin', '{ regions { code } }')).status).toBe(200);
      await held.connect(); // the pool's only connection, as a long report would hold it

      // The viewer is cached: the resolver waits for a connection.
      const inResolver = await t.gql('admin', '{ regions { code } }');
      expect(inResolver.status).toBe(503);
      expect(inResolver.headers['retry-after']).toBe('1');
      expect(errorCodes(inResolver)).toEqual(['SERVER_BUSY']);
      expect(inResolver.body.errors[0].message).toBe('The server is busy; try again shortly');
      // The sign-in of a user not seen yet waits for one too.
      const atSignIn = await t.gql('xa-am1', '{ viewer { name } }');
      expect(atSignIn.status).toBe(503);
      expect(atSignIn.headers['retry-after']).toBe('1');
      expect(atSignIn.body.errors[0].extensions.code).toBe('SERVER_BUSY');

      await held.release();
      expect((await t.gql('admin', '{ regions { code } }')).status).toBe(200);
    } finally {
      if (!held.isReleased) await held.release();
      await t.close();
    }
  });
});
