import pino, { Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; one child logger per request carries its request id. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'group-crm' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'token', 'password'], censor: '[redacted]' },
  });
}
