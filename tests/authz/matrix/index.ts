import type { Row } from '../engine';
import { clientRows } from './clients';
import { contactRows } from './contacts';
import { exchangeRows } from './exchange';
import { customerRows } from './customers';
import { followThroughRows } from './follow-through';
import { moneyRows } from './money';
import { nodeRows } from './node';
import { opportunityRows } from './opportunities';
import { organisationRows } from './organisation';
import { peopleRows } from './people';
import { relationshipRows } from './relationships';
import { retentionRows } from './retention';
import { ruleRows } from './rules';
import { serviceRows } from './service';

/**
 * The authorization matrix (issue 15): every root query and mutation × every
 * role × an in-scope and an out-of-scope target, with the outcome each must
 * get. A field may have several rows (`variant`), never none:
 * tests/authz/matrix.test.ts fails when the schema and this table disagree.
 */
export const MATRIX: readonly Row[] = [
  ...nodeRows,
  ...organisationRows,
  ...customerRows,
  ...contactRows,
  ...opportunityRows,
  ...moneyRows,
  ...followThroughRows,
  ...relationshipRows,
  ...clientRows,
  ...exchangeRows,
  ...ruleRows,
  ...peopleRows,
  ...serviceRows,
  ...retentionRows,
];
