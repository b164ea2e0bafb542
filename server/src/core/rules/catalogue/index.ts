import { BuiltInRule } from '../rule';
import { denialOfServiceRules } from './denial-of-service';
import { elevationOfPrivilegeRules } from './elevation-of-privilege';
import { informationDisclosureRules } from './information-disclosure';
import { repudiationRules } from './repudiation';
import { spoofingRules } from './spoofing';
import { tamperingRules } from './tampering';

/** Every built-in rule, in STRIDE order. */
export const builtInRules: readonly BuiltInRule[] = [
  ...spoofingRules,
  ...tamperingRules,
  ...repudiationRules,
  ...informationDisclosureRules,
  ...denialOfServiceRules,
  ...elevationOfPrivilegeRules,
];
