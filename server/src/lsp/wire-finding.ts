import type { Finding } from '../core/rules/finding';
import type { WireFinding } from '../protocol';

/** A finding as custom requests send it: plain JSON, located on its target's name. */
export function wireFinding(f: Finding): WireFinding {
  return {
    id: f.id,
    rule: f.rule,
    origin: f.origin,
    category: f.category ?? null,
    severity: f.severity,
    status: f.status,
    target: f.target,
    title: f.title,
    message: f.message,
    checklist: f.checklist,
    uri: f.location.uri,
    range: f.location.nameRange,
  };
}
