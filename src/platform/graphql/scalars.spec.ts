import { Kind } from 'graphql';
import { compareDecimal, DecimalScalar, normaliseDecimal, parseDecimal } from './scalars';

describe('Decimal money scalar', () => {
  it.each([
    ['12', '12.00'],
    ['12.5', '12.50'],
    ['0.05', '0.05'],
    ['-3.1', '-3.10'],
    ['007.10', '7.10'],
    [1234, '1234.00'],
    [99.99, '99.99'],
    ['9999999999999.99', '9999999999999.99'],
  ])('parses %p as %p', (input, expected) => {
    expect(parseDecimal(input)).toBe(expected);
  });

  it.each([['abc'], ['1e309'], [Number.POSITIVE_INFINITY], [Number.NaN], [0.1 + 0.2], ['1.234'], ['12,5'], [''], [null], [true], ['99999999999999']])('rejects %p', (input) => {
    expect(() => parseDecimal(input)).toThrow();
  });

  it('serialises database numerics and numbers with two decimals', () => {
    expect(DecimalScalar.serialize('1234.5')).toBe('1234.50');
    expect(DecimalScalar.serialize('1234.567')).toBe('1234.56');
    expect(DecimalScalar.serialize(5)).toBe('5.00');
    expect(normaliseDecimal('-0')).toBe('0.00');
  });

  it('accepts literals but not float garbage in literals', () => {
    expect(DecimalScalar.parseLiteral({ kind: Kind.STRING, value: '10.1' }, {})).toBe('10.10');
    expect(DecimalScalar.parseLiteral({ kind: Kind.INT, value: '10' }, {})).toBe('10.00');
    expect(() => DecimalScalar.parseLiteral({ kind: Kind.FLOAT, value: '1e309' }, {})).toThrow();
    expect(() => DecimalScalar.parseLiteral({ kind: Kind.BOOLEAN, value: true }, {})).toThrow();
  });

  it('compares money exactly', () => {
    expect(compareDecimal('5000000.00', '5000000')).toBe(0);
    expect(compareDecimal('999.99', '1000.00')).toBe(-1);
    expect(compareDecimal('10000000000.00', '9999999999.99')).toBe(1);
  });
});
