import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { writeAfterLog } from './logger';

describe('writeAfterLog', () => {
  it('comes out after every line logged before it, however many are still being written', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-log-')), 'out.log');
    const destination = pino.destination({ dest: file, sync: false, mkdir: true });
    await new Promise((resolve) => destination.once('ready', resolve));
    const log = pino({ base: null }, destination);
    for (let i = 0; i < 2000; i++) log.info({ i, padding: 'x'.repeat(200) }, 'worker ready');
    writeAfterLog(log, 'BANNER\n');
    destination.flushSync();
    destination.end();
    await new Promise((resolve) => destination.once('close', resolve));
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2001);
    expect(lines[2000]).toBe('BANNER');
    expect(JSON.parse(lines[1999]).i).toBe(1999);
  });
});
