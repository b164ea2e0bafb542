import type { DiagramResult, WireRange } from '../../../server/src/protocol';

/**
 * Messages between the diagram webview and the extension. Plain JSON: the webview bundle and
 * the extension both import this file and nothing else of each other.
 */

/** Extension -> webview. */
export type ToWebview =
  /** A new picture of the model (after an edit, or on open); the view keeps its zoom and position. */
  | { readonly type: 'diagram'; readonly diagram: DiagramResult }
  /** The model could not be drawn (no model, server not ready): shown over the last picture. */
  | { readonly type: 'problem'; readonly message: string }
  /** The editor's cursor is in this element's declaration; null when it is in none. */
  | { readonly type: 'highlight'; readonly id: string | null }
  /** A command asked to export what the view shows. */
  | { readonly type: 'requestExport'; readonly format: 'svg' | 'png' };

/** Webview -> extension. */
export type FromWebview =
  /** The page has loaded and listens: send it the diagram. */
  | { readonly type: 'ready' }
  /** Show this declaration in the editor. */
  | { readonly type: 'reveal'; readonly id: string; readonly uri: string; readonly range: WireRange }
  /** Open the code symbol an element links to. */
  | { readonly type: 'goToCode'; readonly id: string; readonly link: string }
  /** Save what the view shows (filters applied); PNG as base64 of the image bytes. */
  | { readonly type: 'export'; readonly format: 'svg'; readonly svg: string }
  | { readonly type: 'export'; readonly format: 'png'; readonly base64: string };

/** What the webview keeps with `setState`, so a reload restores the view (and the serializer knows the model). */
export interface PreviewState {
  readonly rootUri: string;
  readonly zoom: number;
  readonly panX: number;
  readonly panY: number;
  /** STRIDE categories shown (all when empty). */
  readonly categories: readonly string[];
  /** Finding statuses shown (all when empty). */
  readonly statuses: readonly string[];
}
