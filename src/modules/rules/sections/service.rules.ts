import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

/** DOMAIN.md: Service quality — complaint deadlines 投诉时限 and the satisfaction target, as admins maintain them. */
export interface ServiceRuleValues {
  criticalComplaintHours: number;
  majorComplaintHours: number;
  minorComplaintHours: number;
  /** Multiplies the deadline of an A1/A2 customer's complaint (0.5: halved). */
  keyAccountDeadlineFactor: number;
  /** The average satisfaction score (1–10) a region or grade should reach. */
  satisfactionTarget: number;
}

export const serviceRuleDefaults: ServiceRuleValues = {
  criticalComplaintHours: 4,
  majorComplaintHours: 24,
  minorComplaintHours: 72,
  keyAccountDeadlineFactor: 0.5,
  satisfactionTarget: 8.5,
};

@ObjectType({ description: '服务规则 — complaint deadlines 投诉时限 and the satisfaction target 满意度目标.' })
export class ServiceRules implements ServiceRuleValues {
  @Field(() => Int, { description: '重大投诉 — hours to resolve a CRITICAL complaint (default 4).' })
  criticalComplaintHours!: number;

  @Field(() => Int, { description: '严重投诉 — hours to resolve a MAJOR complaint (default 24).' })
  majorComplaintHours!: number;

  @Field(() => Int, { description: '一般投诉 — hours to resolve a MINOR complaint (default 72).' })
  minorComplaintHours!: number;

  @Field(() => Float, { description: 'Factor on the deadline of an A1/A2 customer’s complaint (default 0.5: halved).' })
  keyAccountDeadlineFactor!: number;

  @Field(() => Float, { description: '满意度目标 — the average score (1–10) regions and grades are measured against (default 8.5).' })
  satisfactionTarget!: number;
}

@InputType({ description: 'The service rules to change; omitted fields keep their value.' })
export class ServiceRulesInput implements Partial<ServiceRuleValues> {
  @Field(() => Int, { nullable: true, description: '1–720 hours.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  criticalComplaintHours?: number;

  @Field(() => Int, { nullable: true, description: '1–720 hours.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  majorComplaintHours?: number;

  @Field(() => Int, { nullable: true, description: '1–720 hours.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  minorComplaintHours?: number;

  @Field(() => Float, { nullable: true, description: '0.1–1.' })
  @IsOptional()
  @IsNumber()
  @Min(0.1)
  @Max(1)
  keyAccountDeadlineFactor?: number;

  @Field(() => Float, { nullable: true, description: '1–10.' })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(10)
  satisfactionTarget?: number;
}
