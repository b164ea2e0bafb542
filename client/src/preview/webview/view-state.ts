import type { PreviewState } from '../messages';

/** Where the picture is and what it shows; persisted as PreviewState. */
export interface ViewState {
  rootUri: string;
  zoom: number;
  panX: number;
  panY: number;
  /** Shown STRIDE categories; empty means all. */
  categories: Set<string>;
  /** Shown finding statuses; empty means all. */
  statuses: Set<string>;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** The state saved by a previous page, or undefined when there is none or it is not ours (it came through JSON, so trust nothing). */
export function restoreState(saved: unknown): ViewState | undefined {
  if (!saved || typeof saved !== 'object') return undefined;
  const s = saved as Record<string, unknown>;
  if (!isFiniteNumber(s.zoom) || s.zoom <= 0 || !isFiniteNumber(s.panX) || !isFiniteNumber(s.panY)) return undefined;
  return {
    rootUri: typeof s.rootUri === 'string' ? s.rootUri : '',
    zoom: s.zoom,
    panX: s.panX,
    panY: s.panY,
    categories: new Set(strings(s.categories)),
    statuses: new Set(strings(s.statuses)),
  };
}

/** The plain-JSON form VS Code keeps. */
export function toPreviewState(v: ViewState): PreviewState {
  return { rootUri: v.rootUri, zoom: v.zoom, panX: v.panX, panY: v.panY, categories: [...v.categories].sort(), statuses: [...v.statuses].sort() };
}
