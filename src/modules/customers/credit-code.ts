/**
 * Unified Social Credit Code 统一社会信用代码 (GB 32100-2015): 18 characters
 * from a 31-character alphabet (no I, O, Z, S, V); the last is a check
 * character over the first 17 with weights 3^i mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'LENGTH' | 'ALPHABET' | 'CHECK_CHARACTER';

export function creditCodeCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((acc, char, i) => acc + ALPHABET.indexOf(char) * WEIGHTS[i], 0);
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Null when valid, else what is wrong. Expects upper case (callers normalise). */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'LENGTH';
  if (![...code].every((char) => ALPHABET.includes(char))) return 'ALPHABET';
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return 'CHECK_CHARACTER';
  return null;
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  LENGTH: 'A Unified Social Credit Code has exactly 18 characters',
  ALPHABET: 'A Unified Social Credit Code uses only digits and the letters A–Y except I, O, S, V, Z',
  CHECK_CHARACTER: 'The check character (18th) of this Unified Social Credit Code is wrong',
};
