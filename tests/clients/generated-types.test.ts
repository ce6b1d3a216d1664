import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The typed clients' generated files (examples/<client>/generated/) are
 * committed so the examples compile without running codegen; they must be
 * exactly what codegen makes from schema/schema.graphql and the operations.
 * Runs `npm run codegen:check` as a process: the codegen CLI loads ES modules
 * that Jest's module system cannot.
 */
const ROOT = path.resolve(__dirname, '../..');

it('examples/*/generated are current (run `npm run codegen` when this fails)', () => {
  const check = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'examples/codegen-check.ts'], { cwd: ROOT, encoding: 'utf8' });
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
});
