import { RuleCase } from '../../../helpers/rules';

/** tampering rules. */
export const tamperingCases: readonly RuleCase[] = [];
