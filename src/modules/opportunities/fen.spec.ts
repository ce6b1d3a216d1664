import { chinaDate, fromFen, percentOf, toFen } from './fen';

describe('exact money in fen', () => {
  it('reads and writes decimals without floats', () => {
    expect(toFen('1234.5')).toBe(123450n);
    expect(toFen('0.01')).toBe(1n);
    expect(fromFen(123450n)).toBe('1234.50');
    expect(fromFen(7n)).toBe('0.07');
    expect(toFen('9999999999999.99')).toBe(999999999999999n);
  });

  it('takes a percentage rounded half up to the fen', () => {
    expect(percentOf('500000.00', '2.00')).toBe('10000.00');
    expect(percentOf('0.10', '5.00')).toBe('0.01'); // 0.005 rounds up
    expect(percentOf('0.09', '5.00')).toBe('0.00'); // 0.0045 rounds down
    expect(percentOf('123456.78', '2.50')).toBe('3086.42'); // 3086.4195
    expect(percentOf('9999999999.99', '100.00')).toBe('9999999999.99');
  });

  it('dates business days in China time', () => {
    expect(chinaDate(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
    expect(chinaDate(new Date('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
  });
});
