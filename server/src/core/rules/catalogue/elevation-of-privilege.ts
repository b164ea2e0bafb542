import { BuiltInRule } from '../rule';

/** Elevation of privilege: gaining rights one was not given. */
export const elevationOfPrivilegeRules: readonly BuiltInRule[] = [];
