import fs from 'node:fs';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.CRM_TEST_SERVER_URL;
  const template = process.env.CRM_TEST_TEMPLATE;
  const embedded = (globalThis as Record<string, unknown>).__CRM_TEST_PG__ as { stop: () => Promise<void>; dir: string } | undefined;
  if (serverUrl && template && !embedded) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.end();
  }
  if (embedded) {
    await embedded.stop();
    fs.rmSync(embedded.dir, { recursive: true, force: true });
  }
}
