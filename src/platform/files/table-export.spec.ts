import { csvCell } from './table-export';

describe('csvCell', () => {
  it('leaves plain text, numbers and negative amounts alone', () => {
    expect([csvCell('西安市教育局'), csvCell(42), csvCell(-12.5), csvCell('-3'), csvCell(null)]).toEqual(['西安市教育局', '42', '-12.5', '-3', '']);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('甲,乙')).toBe('"甲,乙"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('一\n二')).toBe('"一\n二"');
  });

  it('keeps what a spreadsheet would run as a formula as text (CSV injection)', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+86 138')).toBe(`"'+86 138"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('-cmd')).toBe(`"'-cmd"`);
  });
});
