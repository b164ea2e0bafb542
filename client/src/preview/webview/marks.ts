/** Marks one drawn element (or none) with a class: the selection and the editor's cursor each use one. */
export class Mark {
  private id: string | null = null;

  constructor(private readonly className: string) {}

  /** The marked ID. */
  get current(): string | null {
    return this.id;
  }

  /** Marks the element with this ID in the picture (or nothing); returns the marked element when it is drawn. */
  set(root: Element | undefined, id: string | null): Element | undefined {
    this.id = id;
    return this.reapply(root);
  }

  /** Puts the mark on the new picture after an update; returns the marked element when it is still drawn. */
  reapply(root: Element | undefined): Element | undefined {
    if (!root) return undefined;
    let found: Element | undefined;
    // Compare attribute values rather than build a selector: IDs like `a->b` would need escaping.
    for (const node of Array.from(root.querySelectorAll('[data-moat-id]'))) {
      const hit = this.id !== null && node.getAttribute('data-moat-id') === this.id;
      node.classList.toggle(this.className, hit);
      if (hit) found ??= node;
    }
    return found;
  }
}

/** The drawn element an event happened in (the closest one carrying an ID), if any. */
export function elementAt(target: EventTarget | null, root: Element | undefined): Element | undefined {
  if (!root || !(target instanceof Element) || !root.contains(target)) return undefined;
  const hit = target.closest('[data-moat-id]');
  return hit && root.contains(hit) ? hit : undefined;
}
