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

/**
 * Writes plain text (the start-up banner) where the log writes, after every
 * line logged before it. Written to stdout directly it could overtake log
 * lines still queued in the asynchronous destination, whose flush callback
 * does not wait for a write in flight.
 */
export function writeAfterLog(log: Logger, text: string): void {
  const destination = (log as unknown as Record<symbol, { write(chunk: string): unknown } | undefined>)[pino.symbols.streamSym];
  if (destination) destination.write(text);
  else process.stdout.write(text);
}
