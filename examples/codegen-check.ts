import fs from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen';

/**
 * `npm run codegen:check` (CI): the committed examples/<client>/generated/
 * files must be exactly what `npm run codegen` makes from
 * schema/schema.graphql and the example operations now — no file stale,
 * missing or left over. Regenerates in memory and compares with the disk.
 */
const ROOT = path.resolve(__dirname, '..');

/** What is wrong with the committed generated files, one line each; empty when they are current. */
export async function generatedDrift(): Promise<string[]> {
  const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: ROOT, silent: true }, false);
  const expected = new Map(outputs.map((o) => [path.resolve(ROOT, o.filename), o.content]));
  const problems: string[] = [];
  for (const [file, content] of expected) {
    const name = path.relative(ROOT, file);
    if (!fs.existsSync(file)) {
      problems.push(`${name}: missing`);
      continue;
    }
    const committed = fs.readFileSync(file, 'utf8');
    if (committed !== content) problems.push(`${name}: stale (${firstDifference(committed, content)})`);
  }
  for (const dir of Object.keys(config.generates).filter((key) => key.endsWith('/'))) {
    const absolute = path.resolve(ROOT, dir);
    if (!fs.existsSync(absolute)) continue;
    for (const entry of fs.readdirSync(absolute)) {
      const file = path.join(absolute, entry);
      if (!expected.has(file)) problems.push(`${path.relative(ROOT, file)}: not generated any more`);
    }
  }
  return problems;
}

/** Where two texts first differ: the line, and a few characters either side of the first differing one. */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const found = a.findIndex((text, i) => text !== b[i]);
  const line = found === -1 ? a.length : found;
  const [x = '', y = ''] = [a[line], b[line]];
  let column = 0;
  while (column < x.length && x[column] === y[column]) column++;
  const around = (text: string | undefined) => (text === undefined ? '<end of file>' : JSON.stringify(text.slice(Math.max(0, column - 30), column + 50)));
  return `line ${line + 1}, column ${column + 1}: committed ${around(a[line])}, generated ${around(b[line])}`;
}

if (require.main === module) {
  generatedDrift().then(
    (problems) => {
      if (problems.length) {
        process.stderr.write(`Generated client types are out of date — run \`npm run codegen\` and commit the result:\n${problems.map((p) => `  ${p}\n`).join('')}`);
        process.exit(1);
      }
      process.stdout.write('examples/*/generated match the schema and the example operations.\n');
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
