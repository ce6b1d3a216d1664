import fs from 'node:fs';
import path from 'node:path';
import { build, BuildOptions } from 'esbuild';

/**
 * Bundles the GraphQL IDE (GraphiQL 5, React, Monaco and Monaco's web
 * workers) into one folder that the server serves at /graphiql/
 * (src/platform/ide.ts): every script, style sheet, font and worker comes from
 * our own origin, so the page works on an intranet without internet access.
 * `npm run build` runs this; so does the test set-up (tests/setup).
 */
export const IDE_BUILD_DIR = path.resolve(__dirname, '../dist/ide');

const common: BuildOptions = {
  bundle: true,
  minify: true,
  target: 'es2022',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
};

export async function buildIde(outdir = IDE_BUILD_DIR): Promise<string[]> {
  fs.rmSync(outdir, { recursive: true, force: true });
  await Promise.all([
    // The page: GraphiQL and its style sheet (graphiql.js, graphiql.css) and the fonts those name.
    build({
      ...common,
      entryPoints: { graphiql: path.join(__dirname, 'client/main.tsx') },
      outdir,
      format: 'esm',
      jsx: 'automatic',
      loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
      assetNames: '[name]-[hash]',
    }),
    // Monaco's workers, one classic script each, as ide/client/monaco-workers.ts names them.
    build({
      ...common,
      entryPoints: {
        'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
        'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
        'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
      },
      outdir,
      format: 'iife',
    }),
  ]);
  return fs.readdirSync(outdir).sort();
}

if (require.main === module) {
  const started = Date.now();
  buildIde().then(
    (files) => process.stdout.write(`GraphiQL bundle: ${files.length} files in ${path.relative(process.cwd(), IDE_BUILD_DIR)} (${Date.now() - started} ms)\n`),
    (error: unknown) => {
      process.stderr.write(`GraphiQL bundle failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
