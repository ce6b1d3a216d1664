/**
 * Monaco runs its language services in web workers. GraphiQL's own setups load
 * them from esm.sh or through a bundler's `?worker` import; ours are separate
 * bundles that ide/build.ts writes next to this one, so they come from our
 * origin like every other asset (the page's Content-Security-Policy allows
 * workers from 'self' only).
 */
const WORKERS: Record<string, string> = {
  graphql: 'graphql.worker.js',
  json: 'json.worker.js',
};

/** Where the server mounts the bundle (src/platform/ide.ts: IDE_ASSETS_PATH). */
const base = new URL('/graphiql/', location.href);

(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return new Worker(new URL(WORKERS[label] ?? 'editor.worker.js', base), { name: label });
  },
};
