export { builtInRules } from './catalogue/index';
