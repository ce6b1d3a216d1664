import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

/**
 * STYLE.md: arrows point one way — modules → platform. The composition roots
 * (src/app.ts, src/main.ts, src/cli, ormconfig.ts, tests, bench) hand the
 * platform what it runs; nothing below them reaches up.
 */
const MAY_NOT_IMPORT: Record<string, string[]> = {
  'src/platform': ['src/modules', 'src/seed', 'src/cli', 'src/app', 'src/main', 'migrations'],
  'src/modules': ['src/seed', 'src/cli', 'src/app', 'src/main', 'migrations'],
};

/** The relative imports of `source`, a file at `file` (repo-relative), that reach a folder its layer may not use. */
function forbiddenImports(file: string, source: string): string[] {
  const layer = Object.keys(MAY_NOT_IMPORT).find((folder) => file.startsWith(`${folder}/`));
  if (!layer) return [];
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((specifier) => {
      if (!specifier.startsWith('.')) return false;
      const target = path.posix.join(path.posix.dirname(file), specifier).replace(/\.[jt]s$/, '');
      return MAY_NOT_IMPORT[layer].some((folder) => target === folder || target.startsWith(`${folder}/`));
    });
}

function sourcesUnder(folder: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.posix.join(folder, name.split(path.sep).join('/')));
}

describe('layering', () => {
  it.each(Object.keys(MAY_NOT_IMPORT))('no file under %s imports a layer above it', (folder) => {
    const files = sourcesUnder(folder);
    expect(files.length).toBeGreaterThan(10);
    const violations = files.flatMap((file) => forbiddenImports(file, fs.readFileSync(path.join(ROOT, file), 'utf8')).map((specifier) => `${file} imports ${specifier}`));
    expect(violations).toEqual([]);
  });

  it('the checker catches every way of importing upwards, and lets the platform import itself and packages', () => {
    const source = [
      `import { moduleEntities } from '../../modules/entities';`,
      `import type {`,
      `  SeedStep,`,
      `} from '../../seed/runner';`,
      `export * from '../../modules/resolvers';`,
      `import '../../../migrations';`,
      `const seed = require('../../seed');`,
      `const app = import('../../app');`,
      `import { Context } from '../context';`,
      `import { fromGlobalId } from './node-id';`,
      `import { DataSource } from 'typeorm';`,
      `// import { nothing } from '../../modules/in-a-comment';`,
    ].join('\n');
    expect(forbiddenImports('src/platform/graphql/fake.ts', source)).toEqual([
      '../../modules/entities',
      '../../seed/runner',
      '../../modules/resolvers',
      '../../../migrations',
      '../../seed',
      '../../app',
    ]);
    expect(forbiddenImports('src/modules/contacts/fake.ts', `import { SeedRunEntity } from '../../seed/seed-run.entity';`)).toEqual(['../../seed/seed-run.entity']);
    expect(forbiddenImports('src/modules/contacts/fake.ts', `import { Context } from '../../platform/context';`)).toEqual([]);
    expect(forbiddenImports('src/app.ts', `import { moduleEntities } from './modules/entities';`)).toEqual([]);
  });
});
