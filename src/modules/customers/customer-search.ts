import { Sift } from '../../platform/graphql/connection';
import { GroupCustomerEntity } from './group-customer.entity';

/** The searchable text of a customer; its bigrams are the GIN-indexed column search_bigrams (migration: customer search bigrams). */
const SEARCH_TEXT = `(c.name || ' ' || c.code || ' ' || coalesce(c.credit_code, ''))`;

/** Customers rows read in list order before a search falls back to the bigram index (platform: Sift). */
const SEARCH_WINDOW = 2000;

/** The text search: a case-insensitive substring of name, code or credit code. */
export function textSearch(text: string): Sift<GroupCustomerEntity> {
  const needle = text.toLowerCase();
  return {
    rows: SEARCH_WINDOW,
    test: (w, param) => `strpos(lower(${w}.c_name || ' ' || ${w}.c_code || ' ' || coalesce(${w}.c_credit_code, '')), ${param}) > 0`,
    value: needle,
    narrow: (query) => {
      // The bigram index finds the candidates (a two-character word is exactly its bigram); strpos keeps the exact substrings.
      if ([...text].length >= 2) query.andWhere(`c.search_bigrams @> crm_bigrams(:searchText)`, { searchText: text });
      query.andWhere(`strpos(lower(${SEARCH_TEXT}), :searchLower) > 0`, { searchLower: needle });
    },
  };
}
