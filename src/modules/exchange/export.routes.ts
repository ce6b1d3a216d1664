import type { Request, Response } from 'express';
import type { Logger } from '../../platform/logger';
import type { AuthenticatedRoutes } from '../../platform/server';

export function exportRoute(_auth: AuthenticatedRoutes, _log: Logger) {
  return async (_req: Request, res: Response) => {
    res.status(404).json({ errors: [{ message: 'not yet', extensions: { code: 'NOT_FOUND' } }] });
  };
}
