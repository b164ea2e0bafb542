import type { WireFinding } from '../../../../server/src/protocol';
import { el } from './dom';
import { categories, findingShown, statuses } from './findings';
import type { ViewState } from './view-state';

/**
 * The filter bar: one toggle per STRIDE category and per status. Pressed means shown; the
 * view state keeps the shown ones, empty meaning all, so the last pressed toggle of a group
 * stays pressed (nothing shown would read as "all").
 */
export class Filters {
  constructor(
    private readonly bar: HTMLElement,
    private readonly count: HTMLElement,
    private readonly view: ViewState,
    private readonly changed: () => void,
  ) {
    const group = (label: string, items: ReadonlyArray<{ id: string; text: string; title: string }>, set: 'categories' | 'statuses'): void => {
      const box = el('div', 'filter-group');
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', label);
      box.append(el('span', 'filter-label', label));
      for (const item of items) {
        const button = el('button', `filter filter-${set}`, item.text);
        button.type = 'button';
        button.title = item.title;
        button.dataset.filter = set;
        button.dataset.value = item.id;
        button.addEventListener('click', () => this.toggle(set, item.id, items.map((i) => i.id)));
        box.append(button);
      }
      this.bar.insertBefore(box, this.count.parentElement === this.bar ? this.count : null);
    };
    group('STRIDE', categories.map((c) => ({ id: c.id, text: c.letter, title: c.label })), 'categories');
    group('Status', statuses.map((s) => ({ id: s, text: s, title: `${s} findings` })), 'statuses');
    this.sync();
  }

  private toggle(set: 'categories' | 'statuses', value: string, all: readonly string[]): void {
    const shown = this.view[set];
    const current = shown.size === 0 ? new Set(all) : new Set(shown);
    if (current.has(value)) {
      if (current.size === 1) return;
      current.delete(value);
    } else {
      current.add(value);
    }
    this.view[set] = current.size === all.length ? new Set() : current;
    this.sync();
    this.changed();
  }

  /** Shows the toggles as the view state says. */
  sync(): void {
    for (const button of Array.from(this.bar.querySelectorAll<HTMLButtonElement>('button[data-filter]'))) {
      const set = this.view[button.dataset.filter as 'categories' | 'statuses'];
      button.setAttribute('aria-pressed', String(set.size === 0 || set.has(button.dataset.value ?? '')));
    }
  }

  /** Dims the drawn elements and flows with no finding the filter shows, and writes the count; does nothing to dim when nothing is filtered. */
  apply(root: Element | undefined, findings: readonly WireFinding[]): void {
    const shown = findings.filter((f) => findingShown(f, this.view.categories, this.view.statuses));
    this.count.textContent = `${shown.length} of ${findings.length} findings shown`;
    if (!root) return;
    const filtering = this.view.categories.size > 0 || this.view.statuses.size > 0;
    const lit = new Set(shown.map((f) => f.target));
    for (const node of Array.from(root.querySelectorAll('.moat-node[data-moat-id], .moat-edge[data-moat-id]'))) {
      node.classList.toggle('moat-dimmed', filtering && !lit.has(node.getAttribute('data-moat-id') ?? ''));
    }
  }
}
