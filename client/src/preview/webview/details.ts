import type { DiagramElementInfo, WireFinding } from '../../../../server/src/protocol';
import { el } from './dom';
import { categories, findingShown } from './findings';
import type { ViewState } from './view-state';

const categoryLabel = new Map(categories.map((c) => [c.id, c.label]));

/** What the details pane needs to say about the selected element. */
export interface DetailsContent {
  readonly id: string;
  readonly info: DiagramElementInfo;
  readonly findings: readonly WireFinding[];
}

/** Fills the details pane (all text through textContent); hides it when nothing is selected. */
export function renderDetails(pane: HTMLElement, content: DetailsContent | undefined, view: ViewState, actions: { goToCode(link: string): void; reveal(): void; close(): void }): void {
  pane.replaceChildren();
  pane.hidden = !content;
  if (!content) return;
  const { id, info, findings } = content;

  const head = el('div', 'details-head');
  head.append(el('h2', 'details-title', info.label || id));
  const close = el('button', 'icon-button details-close', '\u00d7');
  close.type = 'button';
  close.title = 'Close details (Esc)';
  close.setAttribute('aria-label', 'Close details');
  close.addEventListener('click', actions.close);
  head.append(close);
  pane.append(head);
  pane.append(el('div', 'details-kind', `${info.kind} \u00b7 ${id}`));

  const buttons = el('div', 'details-actions');
  const reveal = el('button', 'details-reveal', 'Show in editor');
  reveal.type = 'button';
  reveal.addEventListener('click', actions.reveal);
  buttons.append(reveal);
  for (const link of info.code) {
    const go = el('button', 'details-code', `Go to code: ${link}`);
    go.type = 'button';
    go.title = link;
    go.dataset.link = link;
    go.addEventListener('click', () => actions.goToCode(link));
    buttons.append(go);
  }
  pane.append(buttons);

  pane.append(el('h3', 'details-section', findings.length === 0 ? 'No findings' : `Findings (${findings.length})`));
  const list = el('ul', 'details-findings');
  for (const f of findings) {
    const item = el('li', `finding finding-${f.severity} finding-${f.status}`);
    if (!findingShown(f, view.categories, view.statuses)) item.classList.add('finding-filtered');
    item.title = f.message;
    item.append(el('span', `severity severity-${f.severity}`, f.severity));
    item.append(el('span', 'finding-title', f.title));
    const meta = [f.status, f.category ? categoryLabel.get(f.category) ?? f.category : undefined].filter((s): s is string => !!s).join(' \u00b7 ');
    item.append(el('span', 'finding-meta', meta));
    list.append(item);
  }
  pane.append(list);
}
