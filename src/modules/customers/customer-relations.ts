import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { toGlobalId, uuidOf } from '../../platform/graphql/node-id';
import { fail, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import { recordChange } from './customer-changes';
import { RemoveCustomerRelationInput } from './customer-merge.types';
import { CustomerRelationEntity } from './customer-relation.entity';
import { customerPolicy } from './customer.policy';
import { GroupCustomerEntity } from './group-customer.entity';

/**
 * A relation added by mistake comes off (DOMAIN.md: People and rules): by
 * whoever may change either customer; one they may read on neither side is
 * not found. The `from` customer's history records it, as it recorded the adding.
 */
export async function removeCustomerRelation(ctx: Context, input: RemoveCustomerRelationInput): Promise<Result<string>> {
  return inTransaction(ctx, async (tx) => {
    const id = uuidOf(input.id, 'CustomerRelation');
    const relation = id ? await tx.getRepository(CustomerRelationEntity).createQueryBuilder('r').where('r.id = :id', { id }).setLock('pessimistic_write').getOne() : null;
    if (!relation) return fail(UserErrorCode.NOT_FOUND, 'Relation not found', 'id');
    const sides = tx
      .getRepository(GroupCustomerEntity)
      .createQueryBuilder('c')
      .where('c.id IN (:...sides)', { sides: [relation.fromCustomerId, relation.toCustomerId] });
    if (!(await customerPolicy.applyRead(sides.clone(), 'c', ctx.viewer).getExists())) return fail(UserErrorCode.NOT_FOUND, 'Relation not found', 'id');
    if (!(await customerPolicy.applyWrite(sides, 'c', ctx.viewer).getExists())) throw forbidden('You may read this relation but not change either customer');
    await tx.getRepository(CustomerRelationEntity).delete({ id: relation.id });
    await recordChange(tx, ctx, relation.fromCustomerId, 'REMOVE_RELATION', [{ field: 'relations', from: `${relation.type} ${toGlobalId('GroupCustomer', relation.toCustomerId)}`, to: null }]);
    return ok(input.id);
  });
}
