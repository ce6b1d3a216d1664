import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createExpressServer } from './express-server';

async function serve(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createExpressServer', () => {
  it('hands Express requests and responses that already have the app’s prototypes, and Express still works on them', async () => {
    const app = express();
    const seen: { request: boolean; response: boolean; incoming: boolean }[] = [];
    app.use(express.json());
    app.post('/echo', (req, res) => {
      seen.push({ request: Object.getPrototypeOf(req) === app.request, response: Object.getPrototypeOf(res) === app.response, incoming: req instanceof http.IncomingMessage });
      res.status(201).json({ header: req.header('x-probe'), body: req.body, query: req.query });
    });
    const server = createExpressServer(app);
    const born: unknown[] = [];
    server.prependListener('request', (req: http.IncomingMessage) => born.push(Object.getPrototypeOf(req)));
    try {
      const base = await serve(server);
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${base}/echo?n=${i}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-probe': 'p' }, body: JSON.stringify({ i }) });
        expect(res.status).toBe(201);
        expect(await res.json()).toEqual({ header: 'p', body: { i }, query: { n: String(i) } });
      }
      expect(born).toEqual([app.request, app.request]);
      expect(seen).toEqual([
        { request: true, response: true, incoming: true },
        { request: true, response: true, incoming: true },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('falls back to Node’s own classes when they cannot be called on another object', async () => {
    const original = http.IncomingMessage;
    class ClassIncomingMessage extends original {}
    const app = express();
    app.get('/', (req, res) => void res.json({ rebuilt: Object.getPrototypeOf(req) === app.request }));
    Object.defineProperty(http, 'IncomingMessage', { value: ClassIncomingMessage, configurable: true, writable: true });
    let server: http.Server;
    try {
      server = createExpressServer(app);
    } finally {
      Object.defineProperty(http, 'IncomingMessage', { value: original, configurable: true, writable: true });
    }
    const born: unknown[] = [];
    server!.prependListener('request', (req: http.IncomingMessage) => born.push(Object.getPrototypeOf(req)));
    try {
      const res = await fetch(`${await serve(server!)}/`);
      expect(await res.json()).toEqual({ rebuilt: true });
      expect(born).toEqual([original.prototype]);
    } finally {
      await new Promise((resolve) => server!.close(resolve));
    }
  });
});
