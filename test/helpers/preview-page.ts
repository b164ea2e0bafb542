import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { previewHtml } from '../../client/src/preview/preview-html';
import type { FromWebview, PreviewState, ToWebview } from '../../client/src/preview/messages';

/** Debian's Chromium, the browser the preview is tested in. */
export const chromiumPath = '/usr/bin/chromium';

const repo = join(import.meta.dirname, '..', '..');
const bundle = join(repo, 'dist', 'preview.js');
const stylesheet = join(repo, 'media', 'preview.css');

/** Builds `dist/preview.js` when it is missing or older than a source of the page, so a plain `npx mocha` tests the current code. */
export function ensurePreviewBuilt(): void {
  const sources = [join(repo, 'client/src/preview/messages.ts'), join(repo, 'server/src/protocol.ts')];
  const webview = join(repo, 'client/src/preview/webview');
  for (const name of readdirSync(webview)) if (name.endsWith('.ts')) sources.push(join(webview, name));
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  if (sources.every((s) => statSync(s).mtimeMs <= built)) return;
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}

/** Serves the preview page as the webview would load it: HTML from previewHtml (fresh nonce per load), the bundle and the stylesheet. */
export async function startPreviewServer(title = 'Moat diagram'): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path === '/') {
      const nonce = randomBytes(16).toString('base64');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(previewHtml({ cspSource: origin, nonce, scriptUri: `${origin}/preview.js`, styleUri: `${origin}/preview.css`, title }));
    } else if (path === '/preview.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(readFileSync(bundle));
    } else if (path === '/preview.css') {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
      res.end(readFileSync(stylesheet));
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end(); // Chromium asks for one; a webview never does
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Launches headless Chromium with no network chatter of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The page under test, with what it said to the "extension" and everything that went wrong in it. */
export interface PreviewPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Sends a message as the extension would (a `message` event on the window). */
  send(message: ToWebview): Promise<void>;
  /** Every message the page posted, in order. */
  posted(): Promise<FromWebview[]>;
  /** Waits for a posted message matching the predicate's type and returns it. */
  waitForPosted<T extends FromWebview['type']>(type: T, after?: number): Promise<Extract<FromWebview, { type: T }>>;
  /** The last state the page saved, or undefined. */
  savedState(): Promise<PreviewState | undefined>;
  /** CSP violations, console errors, uncaught exceptions and dialogs seen so far. */
  problems(): Promise<string[]>;
}

/**
 * Opens the preview page in a new browser context with `acquireVsCodeApi` stubbed: it records
 * posted messages and saved states, hands back `initialState` from getState, and (like VS
 * Code) allows only one call.
 */
export async function openPreview(browser: Browser, url: string, initialState?: PreviewState, viewport = { width: 1000, height: 700 }, deviceScaleFactor = 1): Promise<PreviewPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor });
  // Fail fast: a click that cannot land should say so long before the test's timeout.
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  const pageProblems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') pageProblems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => pageProblems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    pageProblems.push(`dialog ${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.addInitScript(vscodeStub(initialState));
  await page.goto(url);
  const posted = (): Promise<FromWebview[]> => page.evaluate(() => (globalThis as unknown as { __posted: FromWebview[] }).__posted.slice());
  return {
    page,
    context,
    send: (message) => page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, origin: string): void }).postMessage(m, '*'), message as unknown as Record<string, unknown>),
    posted,
    async waitForPosted(type, after = 0) {
      const handle = await page.waitForFunction(
        ([t, n]) => (globalThis as unknown as { __posted: Array<{ type: string }> }).__posted.slice(n as number).find((m) => m.type === t),
        [type, after] as const,
      );
      return (await handle.jsonValue()) as never;
    },
    savedState: () => page.evaluate(() => (globalThis as unknown as { __states: PreviewState[] }).__states.at(-1)),
    async problems() {
      const violations = await page.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations.slice());
      return [...violations, ...pageProblems];
    },
  };
}

/**
 * The page-side stub of acquireVsCodeApi, as source text: a function passed to the page would
 * carry tsx's `__name` helper calls, which do not exist there. Also defines that helper for the
 * functions tests pass to `page.evaluate`.
 */
function vscodeStub(initialState: PreviewState | undefined): string {
  return `(() => {
  window.__name = (f) => f;
  const posted = [];
  const states = [];
  const violations = [];
  let current = ${JSON.stringify(initialState ?? null)} ?? undefined;
  let acquired = false;
  window.__posted = posted;
  window.__states = states;
  window.__cspViolations = violations;
  document.addEventListener('securitypolicyviolation', (e) => violations.push('CSP ' + e.effectiveDirective + ': ' + e.blockedURI + ' ' + e.sample));
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      // Through JSON like VS Code's channel, so nothing un-serializable slips through.
      postMessage: (m) => { posted.push(JSON.parse(JSON.stringify(m))); },
      getState: () => current,
      setState: (s) => { current = JSON.parse(JSON.stringify(s)); states.push(current); },
    };
  };
})();`;
}
