import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

/** Service periods are calendar quarters and years where the customers are (docs/api.md: Times). */
export const SERVICE_TIME_ZONE = 'Asia/Shanghai';

@InputType({ description: 'A calendar year, or one quarter of it (China time).' })
export class ServicePeriodInput {
  @Field(() => Int, { description: 'The year, e.g. 2025.' })
  @IsInt()
  @Min(2000, { message: 'year must be 2000 or later' })
  @Max(2100, { message: 'year must be 2100 or earlier' })
  year!: number;

  @Field(() => Int, { nullable: true, description: '1–4 for a quarter; omitted for the whole year.' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'quarter must be 1–4' })
  @Max(4, { message: 'quarter must be 1–4' })
  quarter?: number | null;
}

/** A period as stored (`2025`, `2025-Q3`) with its bounds as SQL timestamps in China time: [from, to). */
export interface ServicePeriod {
  key: string;
  year: number;
  quarter: number | null;
  /** `YYYY-MM-DD`, the first day, and the first day after. */
  fromDate: string;
  toDate: string;
  /** How many times a QUARTER standard is owed in it (1 or 4); YEAR standards count only in a year. */
  quarters: number;
}

export function servicePeriod(input: { year: number; quarter?: number | null }): ServicePeriod {
  const quarter = input.quarter ?? null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const startMonth = quarter ? (quarter - 1) * 3 + 1 : 1;
  const endMonth = quarter ? startMonth + 3 : 13;
  const toDate = endMonth > 12 ? `${input.year + 1}-01-01` : `${input.year}-${pad(endMonth)}-01`;
  return {
    key: quarter ? `${input.year}-Q${quarter}` : String(input.year),
    year: input.year,
    quarter,
    fromDate: `${input.year}-${pad(startMonth)}-01`,
    toDate,
    quarters: quarter ? 1 : 4,
  };
}

/** The SQL moment a period day starts at, in China time (`$param` holds `YYYY-MM-DD`). */
export const dayStart = (param: string) => `(CAST(${param} AS date)::timestamp AT TIME ZONE '${SERVICE_TIME_ZONE}')`;

/** The quarter (or year) `now` falls in, in China time. */
export function currentPeriod(now: Date, quarterly = true): ServicePeriod {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: SERVICE_TIME_ZONE, year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number);
  return servicePeriod({ year, quarter: quarterly ? Math.floor((month - 1) / 3) + 1 : null });
}
