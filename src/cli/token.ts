import { signToken } from '../platform/auth/tokens';
import { ConfigError, loadConfig } from '../platform/config';

/** `npm run token -- <employeeNo> [--ttl 8h]`: prints a signed HS256 token for that user. */
async function main() {
  const args = process.argv.slice(2);
  const ttlAt = args.indexOf('--ttl');
  const ttl = ttlAt >= 0 ? args[ttlAt + 1] : '8h';
  const positional = args.filter((arg, index) => !arg.startsWith('--') && (ttlAt < 0 || index !== ttlAt + 1));
  const employeeNo = positional[0];
  if (!employeeNo || !ttl || !/^\d+[smhd]$/.test(ttl)) {
    process.stderr.write('usage: npm run token -- <employeeNo> [--ttl 8h]\n');
    process.exit(2);
  }
  const config = loadConfig();
  process.stdout.write(`${await signToken(config.jwt, employeeNo, ttl)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? `Configuration error: ${error.message}` : String(error)}\n`);
  process.exit(1);
});
