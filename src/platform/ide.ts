import fs from 'node:fs';
import path from 'node:path';
import express, { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger';

/**
 * The GraphQL IDE: GraphiQL 5, bundled at build time by ide/build.ts, served
 * by this server — the page at GET /graphql for browsers, its scripts, style
 * sheet, font and Monaco's workers under /graphiql/. Nothing comes from a CDN,
 * so it works on an intranet without internet access, and the page's
 * Content-Security-Policy lets it load nothing from anywhere else.
 */
export const IDE_ASSETS_PATH = '/graphiql';

export interface IdeDependencies {
  /** The folder ide/build.ts wrote; by default dist/ide of this checkout. */
  assetsDir?: string;
  /** A token for the page to prefill. createApp passes it on only when NODE_ENV is development; it goes only to loopback clients. */
  devToken?: () => Promise<string | null>;
}

/**
 * 'self' for everything the page loads. Styles also need 'unsafe-inline':
 * Monaco and GraphiQL's panes set style attributes and add <style> elements as
 * they lay out. Fonts and small icons also come as data: URLs inside the
 * style sheet, which fetch nothing.
 */
export const IDE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/ide beside this checkout's package.json, whether this file runs from src/ (ts-node) or dist/src/ (npm start). */
export function defaultIdeAssetsDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'ide');
}

/**
 * A browser opening the endpoint: a GET that prefers HTML and carries no
 * operation. Clients speaking GraphQL over HTTP (GET with `query` or a
 * persisted query's `extensions`, or JSON accepted) still reach Apollo.
 */
export function wantsIde(req: Request): boolean {
  if (req.query.query !== undefined || req.query.extensions !== undefined) return false;
  return req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

/** A browser on this machine: the only one that gets the development token (a server on 0.0.0.0 is reachable by the whole office). */
export function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || /^(::ffff:)?127\./.test(address));
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function page(devToken: string | null): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Group CRM — GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${IDE_ASSETS_PATH}/graphiql.css">
${devToken ? `<meta name="crm-dev-token" content="${escapeAttribute(devToken)}">\n` : ''}<script type="module" src="${IDE_ASSETS_PATH}/graphiql.js"></script>
</head>
<body>
<div id="root"></div>
</body>
</html>
`;
}

/** Mounts the page and its assets; call before the /graphql middleware so a browser's GET is answered here. */
export function mountIde(app: express.Express, deps: IdeDependencies, log: Logger): void {
  const dir = deps.assetsDir ?? defaultIdeAssetsDir();
  const built = fs.existsSync(path.join(dir, 'graphiql.js'));
  if (!built) log.warn({ dir }, 'GraphiQL is not built: run `npm run build`; GET /graphql in a browser explains the same');

  app.use(
    IDE_ASSETS_PATH,
    express.static(dir, {
      index: false,
      redirect: false,
      // Revalidated by ETag on every load, so a rebuilt bundle is picked up at once.
      setHeaders: (res) => {
        res.setHeader('cache-control', 'no-cache');
        res.setHeader('content-security-policy', IDE_CONTENT_SECURITY_POLICY);
        res.setHeader('x-content-type-options', 'nosniff');
      },
    }),
  );

  app.get('/graphql', async (req: Request, res: Response, next: NextFunction) => {
    // The same URL answers HTML or JSON by the Accept header: caches must keep them apart.
    res.vary('Accept');
    if (!wantsIde(req)) return next();
    res.setHeader('content-security-policy', IDE_CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (!built && !fs.existsSync(path.join(dir, 'graphiql.js'))) {
      res.status(503).type('text/plain').send('The GraphQL IDE is not built on this server: run `npm run build` (npm start does), then reload.\n');
      return;
    }
    let token: string | null = null;
    try {
      token = deps.devToken && isLoopback(req.socket.remoteAddress) ? await deps.devToken() : null;
    } catch (error) {
      log.warn({ err: error }, 'could not sign the development token for GraphiQL');
    }
    // The page may hold a token: never store it in a cache.
    res.setHeader('cache-control', 'no-store');
    res.type('html').send(page(token));
  });
}
