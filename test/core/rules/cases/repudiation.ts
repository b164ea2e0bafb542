import { RuleCase } from '../../../helpers/rules';

/** repudiation rules. */
export const repudiationCases: readonly RuleCase[] = [];
