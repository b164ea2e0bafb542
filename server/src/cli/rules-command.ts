import { catalogueJson, catalogueMarkdown, catalogueText } from '../core/export/rule-catalogue';
import { builtInRules } from '../core/rules/catalogue';
import { Terminal } from './terminal';

/** `moat rules`: prints the built-in catalogue as text, JSON or Markdown; returns the exit status. */
export function runRules(term: Terminal, format: 'text' | 'json' | 'markdown'): number {
  if (format === 'json') term.out(JSON.stringify(catalogueJson(builtInRules), null, 2));
  else if (format === 'markdown') term.out(catalogueMarkdown(builtInRules).trimEnd());
  else term.out(catalogueText(builtInRules));
  return 0;
}
