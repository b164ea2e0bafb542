import type { FromWebview, PreviewState } from '../messages';

/** What VS Code gives a webview script: post to the extension, keep state across reloads. */
export interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PreviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview API; VS Code allows one call per page, so main calls this once and passes it on. */
export function vscodeApi(): VsCodeApi {
  return acquireVsCodeApi();
}
