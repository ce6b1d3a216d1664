import { maskEmail, maskMobile, normaliseEmail, normaliseMobile, parseBirthday } from './personal-data';

describe('mobile numbers', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['8619912345678', '19912345678'],
  ])('accepts %p as %p', (raw, expected) => {
    expect(normaliseMobile(raw)).toBe(expected);
  });

  it.each([['12812345678'], ['1381234567'], ['138123456789'], ['029-88886666'], ['1381234567a'], ['']])('refuses %p', (raw) => {
    expect(normaliseMobile(raw)).toBeNull();
  });

  it('masks all but the prefix and the last four digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
});

describe('email addresses', () => {
  it('keeps the mailbox and lower-cases the domain', () => {
    expect(normaliseEmail(' Zhang.Wei@Example.COM ')).toBe('Zhang.Wei@example.com');
  });

  it.each([['zhang'], ['zhang@'], ['@example.com'], ['zhang@example'], ['zh ang@example.com'], ['a..b@example.com']])('refuses %p', (raw) => {
    expect(normaliseEmail(raw)).toBeNull();
  });

  it('masks all but the first character and the domain', () => {
    expect(maskEmail('zhangwei@example.com')).toBe('z***@example.com');
  });
});

describe('birthdays', () => {
  it('accept real past days only', () => {
    expect(parseBirthday('1980-02-29', '2026-11-23')).toBe('1980-02-29');
    expect(parseBirthday('2026-11-23', '2026-11-23')).toBe('2026-11-23');
    expect(parseBirthday('1981-02-29', '2026-11-23')).toBeNull();
    expect(parseBirthday('2026-11-24', '2026-11-23')).toBeNull();
    expect(parseBirthday('1899-12-31', '2026-11-23')).toBeNull();
    expect(parseBirthday('23/11/1980', '2026-11-23')).toBeNull();
  });
});
