import type { DataSource } from 'typeorm';
import { OPEN_STATES_SQL } from './complaint-queries';
import { ComplaintEntity } from './complaint.entity';

/** For the operator's dashboard (docs/operations.md): complaints still open past their deadline, province-wide (ix_complaint_open_due). */
export async function overdueComplaints(db: DataSource): Promise<number> {
  return db.getRepository(ComplaintEntity).createQueryBuilder('cp').where(`cp.state IN ${OPEN_STATES_SQL}`).andWhere('cp.due_at < now()').getCount();
}
