/**
 * Which previews redraw when. With auto-refresh on, a preview redraws as soon as its model
 * changes; with it off, the change only marks it stale, and it redraws when a file of its model
 * is saved or the preview is opened again. Without this, a preview with auto-refresh off never
 * redrew at all.
 */
export class StalePreviews<Preview> {
  private readonly stale = new Set<Preview>();

  /** The model of these previews changed: the ones to redraw now (all with auto-refresh, none without). */
  changed(affected: Iterable<Preview>, autoRefresh: boolean): Preview[] {
    if (autoRefresh) return [...affected];
    for (const preview of affected) this.stale.add(preview);
    return [];
  }

  /** A file of these previews' model was saved, or one was opened again: the stale ones to redraw now. */
  due(candidates: Iterable<Preview>): Preview[] {
    const due: Preview[] = [];
    for (const preview of candidates) if (this.stale.delete(preview)) due.push(preview);
    return due;
  }

  /** A preview was closed or redrew by other means. */
  forget(preview: Preview): void {
    this.stale.delete(preview);
  }
}
