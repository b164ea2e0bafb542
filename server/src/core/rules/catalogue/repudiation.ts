import { BuiltInRule } from '../rule';

/** Repudiation: acting without leaving evidence of who did what. */
export const repudiationRules: readonly BuiltInRule[] = [];
