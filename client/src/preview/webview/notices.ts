/** The two notices over the picture: model errors (the picture may be incomplete) and a problem drawing it. */

/** Shows or hides the "model has errors" banner. */
export function showErrorCount(banner: HTMLElement, errorCount: number): void {
  banner.hidden = errorCount <= 0;
  banner.textContent = errorCount <= 0 ? '' : `The model has ${errorCount} error${errorCount === 1 ? '' : 's'}: the picture may be incomplete.`;
}

/** Shows a problem message over the last picture (text only), or hides it with null. */
export function showProblem(box: HTMLElement, message: string | null): void {
  box.hidden = message === null;
  box.textContent = message ?? '';
}
