import { CareLevel } from './contact.enums';

/** A care level's policy as a fresh database starts with it; admins change it with setCarePolicy. */
export interface CarePolicyDefaults {
  /** Days between care touches. */
  intervalDays: number;
  /** Days before a birthday that it shows on the due list. */
  birthdayWindowDays: number;
  /** Days before the due moment that a contact counts as DUE_SOON. */
  dueSoonDays: number;
}

/**
 * DOMAIN.md: Key contacts and four-level care — the default interval per level
 * and the 7-day birthday window; the 7 due-soon days are our choice.
 * Migration ContactsAndCare inserted these rows. Changing a default here needs
 * a new migration for existing databases; tests/contacts/care-rules.test.ts
 * fails until a freshly migrated database agrees.
 */
export const DEFAULT_CARE_POLICIES: Readonly<Record<CareLevel, CarePolicyDefaults>> = {
  MANAGEMENT: { intervalDays: 30, birthdayWindowDays: 7, dueSoonDays: 7 },
  KEY_PERSON: { intervalDays: 30, birthdayWindowDays: 7, dueSoonDays: 7 },
  LIAISON: { intervalDays: 14, birthdayWindowDays: 7, dueSoonDays: 7 },
  OTHER: { intervalDays: 90, birthdayWindowDays: 7, dueSoonDays: 7 },
};
