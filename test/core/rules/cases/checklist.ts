import { RuleCase } from '../../../helpers/rules';

/** A model that asks the STRIDE-per-element checklist. */
const asked = (body: string) => `model "Checklist" { checklist: true }\n${body}\n`;
/** The same model with the checklist off. */
const notAsked = (body: string) => `model "Checklist"\n${body}\n`;

const flow = (props = '') => `process web\nprocess api\nflow web -> api ${props}`;

/**
 * The checklist's questions: asked of every element or flow of their kind when the model asks for
 * the checklist, unless the property that answers the question is written (true or false).
 */
export const checklistCases: readonly RuleCase[] = [
  { rule: 'stride-spoofing-actor', name: 'a person, checklist on vs off', fires: asked('actor nurse'), target: 'nurse', quiet: notAsked('actor nurse'), severity: 'low', messageIncludes: ['nurse'] },
  { rule: 'stride-spoofing-external', name: 'a partner, checklist on vs off', fires: asked('external lab'), target: 'lab', quiet: notAsked('external lab'), messageIncludes: ['lab'] },
  { rule: 'stride-spoofing-process', name: 'authenticates unwritten vs written', fires: asked('process api'), target: 'api', quiet: asked('process api { authenticates: true }'), messageIncludes: ['api', 'authenticates'] },
  { rule: 'stride-tampering-process', name: 'validates_input unwritten vs written false', fires: asked('process api'), target: 'api', quiet: asked('process api { validates_input: false }') },
  { rule: 'stride-tampering-store', name: 'authorizes unwritten vs written', fires: asked('store db'), target: 'db', quiet: asked('store db { authorizes: true }') },
  { rule: 'stride-tampering-flow', name: 'no protocol vs https', fires: asked(flow()), target: 'web->api', quiet: asked(flow('{ protocol: "https" }')), messageIncludes: ['web->api'] },
  { rule: 'stride-repudiation-actor', name: 'a person, checklist on vs off', fires: asked('actor nurse'), target: 'nurse', quiet: notAsked('actor nurse') },
  { rule: 'stride-repudiation-external', name: 'a partner, checklist on vs off', fires: asked('external lab'), target: 'lab', quiet: notAsked('external lab') },
  { rule: 'stride-repudiation-process', name: 'logs unwritten vs written', fires: asked('process api'), target: 'api', quiet: asked('process api { logs: true }') },
  { rule: 'stride-repudiation-store', name: 'logs unwritten vs written false', fires: asked('store db'), target: 'db', quiet: asked('store db { logs: false }') },
  { rule: 'stride-information-disclosure-process', name: 'a process, checklist on vs off', fires: asked('process api'), target: 'api', quiet: notAsked('process api') },
  { rule: 'stride-information-disclosure-store', name: 'encrypted unwritten vs written', fires: asked('store db'), target: 'db', quiet: asked('store db { encrypted: true }') },
  { rule: 'stride-information-disclosure-flow', name: 'no protocol vs encrypted written false', fires: asked(flow()), target: 'web->api', quiet: asked(flow('{ encrypted: false }')) },
  { rule: 'stride-denial-of-service-process', name: 'rate_limited unwritten vs written', fires: asked('process api'), target: 'api', quiet: asked('process api { rate_limited: true }') },
  { rule: 'stride-denial-of-service-store', name: 'backups unwritten vs written', fires: asked('store db'), target: 'db', quiet: asked('store db { backups: true }') },
  { rule: 'stride-denial-of-service-flow', name: 'a flow, checklist on vs off', fires: asked(flow()), target: 'web->api', quiet: notAsked(flow()) },
  { rule: 'stride-elevation-of-privilege-process', name: 'authorizes unwritten vs written', fires: asked('process api'), target: 'api', quiet: asked('process api { authorizes: false }') },
];
