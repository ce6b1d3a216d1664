import { creditCodeCheckCharacter, creditCodeProblem } from './credit-code';

describe('Unified Social Credit Code (GB 32100-2015)', () => {
  it.each(['911100001000044477', '91440300708461136T', '91610000220526068H'])('accepts the valid code %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  it('computes the check character', () => {
    expect(creditCodeCheckCharacter('91440300708461136')).toBe('T');
    expect(creditCodeCheckCharacter('91110000100004447')).toBe('7');
  });

  it.each([
    ['9161000022052606', 'LENGTH'],
    ['91610000220526068HX', 'LENGTH'],
    ['91610000220526O68H', 'ALPHABET'],
    ['9161000022052606IH', 'ALPHABET'],
    ['91610000220526068V', 'ALPHABET'],
    ['91610000220526068A', 'CHECK_CHARACTER'],
  ])('refuses %s (%s)', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });
});
