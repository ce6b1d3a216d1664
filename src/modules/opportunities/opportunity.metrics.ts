import type { DataSource } from 'typeorm';
import { ApprovalState } from './opportunity.enums';
import { ApprovalStepEntity } from './approval-step.entity';

/** For the operator's dashboard (docs/operations.md): approval steps still pending after their due time, province-wide. */
export async function overdueApprovalSteps(db: DataSource): Promise<number> {
  return db.getRepository(ApprovalStepEntity).createQueryBuilder('s').where('s.state = :pending', { pending: ApprovalState.PENDING }).andWhere('s.due_at < now()').getCount();
}
