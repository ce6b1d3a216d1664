import fs from 'node:fs';
import puppeteer, { Browser } from 'puppeteer-core';

/**
 * Headless Chromium for browser tests: Debian's `chromium` package (.ci/run
 * installs it), driven by puppeteer-core, which downloads no browser of its own.
 */
// Debian's /usr/bin/chromium is a wrapper that adds Google API keys and remote extension updates, which make the
// browser itself call Google's services; the binary behind it starts without them.
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].filter((p): p is string => !!p);

export function findChromium(): string | null {
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export const CHROMIUM_MISSING = `Chromium not found (looked at ${CANDIDATES.join(', ')}). Install Debian's package: apt-get install -y chromium (.ci/run does), or set CHROMIUM_PATH.`;

export async function launchChromium(executablePath: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox', // CI runs as root
      '--disable-gpu',
      '--disable-dev-shm-usage',
      // Chromium's own calls home (updates, sign-in, autofill, network time) are not the page's, and must not leave the
      // machine either: fewer of them, and no host name resolves but loopback, so none gets out.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-domain-reliability',
      '--no-first-run',
      '--no-default-browser-check',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
}
