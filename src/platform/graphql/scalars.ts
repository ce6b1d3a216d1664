import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?\d{1,13}(\.\d{1,2})?$/;

/**
 * Money in CNY: a string with two decimals ("1234.50"), never a float.
 * Accepts a decimal string or an exactly representable number with at most
 * two decimals; rejects exponents, NaN, Infinity and float garbage.
 */
export function parseDecimal(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else throw new GraphQLError('Decimal must be a string such as "1234.50"');
  if (!DECIMAL.test(text)) throw new GraphQLError(`"${text.slice(0, 40)}" is not a decimal amount with at most two decimals`);
  return normaliseDecimal(text);
}

/** "12" → "12.00", "-0.5" → "-0.50"; exact, by string arithmetic. */
export function normaliseDecimal(text: string): string {
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const digits = whole.replace(/^0+(?=\d)/, '');
  const result = `${digits}.${(fraction + '00').slice(0, 2)}`;
  return negative && result !== '0.00' ? `-${result}` : result;
}

/** Compares two non-negative decimal strings exactly (no floats for money). */
export function compareDecimal(a: string, b: string): number {
  const [aw, af = ''] = a.split('.');
  const [bw, bf = ''] = b.split('.');
  const wa = aw.replace(/^0+(?=\d)/, '');
  const wb = bw.replace(/^0+(?=\d)/, '');
  if (wa.length !== wb.length) return wa.length < wb.length ? -1 : 1;
  const x = wa + (af + '00').slice(0, 2);
  const y = wb + (bf + '00').slice(0, 2);
  return x === y ? 0 : x < y ? -1 : 1;
}

export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An amount of money in CNY, serialised as a string with two decimals, e.g. "1234.50".',
  serialize(value) {
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
      const [whole, fraction = ''] = value.split('.');
      return normaliseDecimal(`${whole}.${fraction.slice(0, 2)}`);
    }
    if (typeof value === 'number' && Number.isFinite(value)) return value.toFixed(2);
    throw new GraphQLError('Decimal cannot represent this value');
  },
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) {
      return parseDecimal(ast.kind === Kind.STRING ? ast.value : ast.value);
    }
    throw new GraphQLError('Decimal must be a string such as "1234.50"');
  },
});
