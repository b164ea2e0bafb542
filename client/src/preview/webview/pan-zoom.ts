import type { ViewState } from './view-state';

const minZoom = 0.05;
const maxZoom = 8;
/** Pointer travel (px) after which a press is a drag, not a click. */
const dragThreshold = 4;
/** Zoom step of the buttons and keys. */
export const zoomStep = 1.25;

/** Pan and zoom of the stage inside the viewport: a CSS transform, with the numbers kept in the view state. */
export class PanZoom {
  private content = { width: 0, height: 0 };
  private press: { id: number; x: number; y: number; panX: number; panY: number; dragging: boolean } | undefined;
  /** Set by a drag, read (and cleared) by the click that ends it. */
  private justDragged = false;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly stage: HTMLElement,
    private readonly view: ViewState,
    private readonly changed: () => void,
  ) {
    viewport.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    viewport.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    viewport.addEventListener('pointermove', (e) => this.onPointerMove(e));
    viewport.addEventListener('pointerup', (e) => this.onPointerUp(e));
    viewport.addEventListener('pointercancel', (e) => this.onPointerUp(e));
    // Capture phase: the click that ends a drag must not reach the selection handler.
    viewport.addEventListener('click', (e) => {
      if (this.justDragged) {
        this.justDragged = false;
        e.stopPropagation();
        e.preventDefault();
      }
    }, true);
    this.apply();
  }

  /** Tells the pan-zoom how big the picture is (for fit). */
  setContentSize(width: number, height: number): void {
    this.content = { width, height };
  }

  /** True when the viewport has a size (a hidden webview has none; fitting then would zoom to 0). */
  canFit(): boolean {
    return this.viewport.clientWidth > 0 && this.viewport.clientHeight > 0 && this.content.width > 0;
  }

  /** Zooms and centres so the whole picture shows; never enlarges past 2x, where labels stop helping. */
  fit(): void {
    if (!this.canFit()) return;
    const margin = 16;
    const vw = this.viewport.clientWidth;
    const vh = this.viewport.clientHeight;
    const zoom = clamp(Math.min((vw - 2 * margin) / this.content.width, (vh - 2 * margin) / this.content.height, 2));
    this.set(zoom, (vw - this.content.width * zoom) / 2, (vh - this.content.height * zoom) / 2);
  }

  /** Actual size, top-left corner at the top-left of the view. */
  reset(): void {
    this.set(1, 0, 0);
  }

  /** Zooms by a factor around a point of the viewport (client coordinates), or its centre. */
  zoomBy(factor: number, clientX?: number, clientY?: number): void {
    const rect = this.viewport.getBoundingClientRect();
    const px = clientX === undefined ? rect.width / 2 : clientX - rect.left;
    const py = clientY === undefined ? rect.height / 2 : clientY - rect.top;
    const zoom = clamp(this.view.zoom * factor);
    const k = zoom / this.view.zoom;
    // The picture point under (px, py) stays under it.
    this.set(zoom, px - (px - this.view.panX) * k, py - (py - this.view.panY) * k);
  }

  /** Pans so the element's box is in view, when it is not already fully visible. */
  reveal(target: Element): void {
    const v = this.viewport.getBoundingClientRect();
    const r = target.getBoundingClientRect();
    if (r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom) return;
    const dx = v.left + v.width / 2 - (r.left + r.width / 2);
    const dy = v.top + v.height / 2 - (r.top + r.height / 2);
    this.set(this.view.zoom, this.view.panX + dx, this.view.panY + dy);
  }

  /** Sets zoom and pan, draws, and reports the change. */
  set(zoom: number, panX: number, panY: number): void {
    this.view.zoom = zoom;
    this.view.panX = panX;
    this.view.panY = panY;
    this.apply();
    this.changed();
  }

  /** Writes the view state's transform onto the stage. */
  apply(): void {
    // CSSOM, not a style attribute: the CSP allows it.
    this.stage.style.transform = `translate(${this.view.panX}px, ${this.view.panY}px) scale(${this.view.zoom})`;
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    // Pinch gestures arrive as ctrl+wheel with small deltas: zoom faster for them.
    const speed = e.ctrlKey ? 0.01 : 0.0015;
    const delta = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? e.deltaY * 16 : e.deltaY;
    this.zoomBy(Math.exp(-delta * speed), e.clientX, e.clientY);
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0 || (e.target instanceof Element && e.target.closest('button, a, input'))) return;
    this.press = { id: e.pointerId, x: e.clientX, y: e.clientY, panX: this.view.panX, panY: this.view.panY, dragging: false };
    this.justDragged = false;
  }

  private onPointerMove(e: PointerEvent): void {
    const p = this.press;
    if (!p || p.id !== e.pointerId) return;
    const dx = e.clientX - p.x;
    const dy = e.clientY - p.y;
    if (!p.dragging && Math.hypot(dx, dy) < dragThreshold) return;
    if (!p.dragging) {
      p.dragging = true;
      this.viewport.setPointerCapture(e.pointerId);
      this.viewport.classList.add('moat-panning');
    }
    this.set(this.view.zoom, p.panX + dx, p.panY + dy);
  }

  private onPointerUp(e: PointerEvent): void {
    const p = this.press;
    if (!p || p.id !== e.pointerId) return;
    this.press = undefined;
    if (p.dragging) {
      this.justDragged = true;
      this.viewport.classList.remove('moat-panning');
      if (this.viewport.hasPointerCapture(e.pointerId)) this.viewport.releasePointerCapture(e.pointerId);
    }
  }
}

function clamp(zoom: number): number {
  return Math.min(maxZoom, Math.max(minZoom, zoom));
}
