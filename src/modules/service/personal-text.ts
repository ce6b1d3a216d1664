import { maskEmail, maskMobile } from '../contacts/personal-data';

const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d{9}(?!\d)/g;
const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** 18-character resident ID numbers, and any other run of 7+ digits (landlines, account numbers). */
const ID_NUMBER = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;
const DIGITS = /(?<!\d)\d{7,}(?!\d)/g;

/**
 * Free text that may hold personal data 个人信息 (a complaint's description,
 * resolution, notes), for a viewer who sees a customer's basic fields only:
 * mobile numbers and emails masked as contacts mask them (138****5678,
 * z***@example.com), ID numbers and other long digit runs all but their last
 * two digits.
 */
export function maskPersonalText(text: string): string {
  return text
    .replace(EMAIL, (email) => maskEmail(email))
    .replace(MOBILE, (mobile) => maskMobile(mobile.replace(/\D/g, '').slice(-11)))
    .replace(ID_NUMBER, (id) => `${'*'.repeat(id.length - 2)}${id.slice(-2)}`)
    .replace(DIGITS, (digits) => `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`);
}
