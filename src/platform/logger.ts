import pino, { Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout; one child logger per request carries its
 * request id. Lines are written off the event loop (pino flushes what is
 * left when the process exits): a synchronous write per request held every
 * other request up for its system call.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { service: 'group-crm' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers.authorization', 'token', 'password'], censor: '[redacted]' },
    },
    pino.destination({ dest: 1, sync: false }),
  );
}
