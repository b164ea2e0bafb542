import { RuleCase } from '../../../helpers/rules';

/** elevation-of-privilege rules. */
export const elevationOfPrivilegeCases: readonly RuleCase[] = [];
