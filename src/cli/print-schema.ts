import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printAppSchema } from '../app';

/** `npm run schema` writes schema/schema.graphql; `npm run schema:check` fails when it is stale. */
const FILE = path.resolve(__dirname, '../../schema/schema.graphql');

async function main() {
  const sdl = await printAppSchema();
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : '';
    if (committed !== sdl) {
      process.stderr.write('schema/schema.graphql is stale: run `npm run schema` and commit the SDL diff.\n');
      process.exit(1);
    }
    process.stdout.write('schema/schema.graphql matches the code.\n');
    return;
  }
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  fs.writeFileSync(FILE, sdl);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), FILE)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
