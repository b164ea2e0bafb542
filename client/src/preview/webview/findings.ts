import type { WireFinding } from '../../../../server/src/protocol';

/** The six STRIDE categories, in STRIDE order, with the words a user reads. */
export const categories: ReadonlyArray<{ readonly id: string; readonly letter: string; readonly label: string }> = [
  { id: 'spoofing', letter: 'S', label: 'Spoofing' },
  { id: 'tampering', letter: 'T', label: 'Tampering' },
  { id: 'repudiation', letter: 'R', label: 'Repudiation' },
  { id: 'information_disclosure', letter: 'I', label: 'Information disclosure' },
  { id: 'denial_of_service', letter: 'D', label: 'Denial of service' },
  { id: 'elevation_of_privilege', letter: 'E', label: 'Elevation of privilege' },
];

/** Finding statuses, open first. */
export const statuses: readonly string[] = ['open', 'planned', 'mitigated', 'accepted'];

const severityRank: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Findings grouped by the ID of the element, flow or boundary they are about, most severe first. */
export function findingsByTarget(findings: readonly WireFinding[]): Map<string, WireFinding[]> {
  const map = new Map<string, WireFinding[]>();
  for (const f of findings) {
    const list = map.get(f.target);
    if (list) list.push(f);
    else map.set(f.target, [f]);
  }
  for (const list of map.values()) list.sort((a, b) => (severityRank[a.severity] ?? 9) - (severityRank[b.severity] ?? 9) || a.title.localeCompare(b.title));
  return map;
}

/** True when a finding passes the filter (an empty set shows everything; a finding with no category only shows then). */
export function findingShown(f: WireFinding, shownCategories: ReadonlySet<string>, shownStatuses: ReadonlySet<string>): boolean {
  return (shownCategories.size === 0 || (f.category !== null && shownCategories.has(f.category))) && (shownStatuses.size === 0 || shownStatuses.has(f.status));
}
