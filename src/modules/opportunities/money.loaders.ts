import DataLoader from 'dataloader';
import type { Context } from '../../platform/context';
import { CommissionEntity } from './commission.entity';
import { ContractEntity } from './contract.entity';
import { moneyService } from './money.service';
import { Commission, Contract, RegistrationAttempt } from './money.types';

/** Per-request loaders for contracts, commissions and registration attempts; all go through the service, and so through the policies. */
export const moneyLoaders = {
  contractOf: (ctx: Context) => ctx.loaders.get('money.contractOf', () => new DataLoader<string, ContractEntity | null>((ids) => moneyService.contractsOf(ctx, ids))),

  contractById: (ctx: Context) =>
    ctx.loaders.get('money.contractById', () => new DataLoader<string, Contract | null>(async (ids) => (await moneyService.contractsByIds(ctx, ids)).map((k) => (k ? Contract.from(k) : null)))),

  commissionsOf: (ctx: Context) => ctx.loaders.get('money.commissionsOf', () => new DataLoader<string, CommissionEntity[]>((ids) => moneyService.commissionsOf(ctx, ids))),

  commissionById: (ctx: Context) =>
    ctx.loaders.get(
      'money.commissionById',
      () => new DataLoader<string, Commission | null>(async (ids) => (await moneyService.commissionsByIds(ctx, ids)).map((c) => (c ? Commission.from(c) : null))),
    ),

  registrationById: (ctx: Context) =>
    ctx.loaders.get(
      'money.registrationById',
      () => new DataLoader<string, RegistrationAttempt | null>(async (ids) => (await moneyService.registrationsByIds(ctx, ids)).map((a) => (a ? RegistrationAttempt.from(a) : null))),
    ),

  collision: (ctx: Context) =>
    ctx.loaders.get('money.collision', () => new DataLoader<string, { id: string; code: string; registeredAt: Date; protectedUntil: Date } | null>((ids) => moneyService.collisions(ctx, ids))),
};
