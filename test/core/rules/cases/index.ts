import { RuleCase } from '../../../helpers/rules';
import { checklistCases } from './checklist';
import { denialOfServiceCases } from './denial-of-service';
import { elevationOfPrivilegeCases } from './elevation-of-privilege';
import { informationDisclosureCases } from './information-disclosure';
import { repudiationCases } from './repudiation';
import { spoofingCases } from './spoofing';
import { tamperingCases } from './tampering';

/** Every rule's table rows. */
export const allRuleCases: readonly RuleCase[] = [
  ...spoofingCases,
  ...tamperingCases,
  ...repudiationCases,
  ...informationDisclosureCases,
  ...denialOfServiceCases,
  ...elevationOfPrivilegeCases,
  ...checklistCases,
];
