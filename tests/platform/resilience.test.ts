import net from 'node:net';
import request from 'supertest';
import { createTestDatabase, startTestApp } from '../support/harness';

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
