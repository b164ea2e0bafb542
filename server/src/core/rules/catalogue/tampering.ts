import { BuiltInRule } from '../rule';

/** Tampering: changing data or code without permission. */
export const tamperingRules: readonly BuiltInRule[] = [];
