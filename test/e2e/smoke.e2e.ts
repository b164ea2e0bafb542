// End-to-end smoke test: the packaged extension (moat.vsix) in a real VS Code (code-server, the
// web build of VS Code) driven by Chromium through playwright-core.
//
//   npm run test:e2e
//
// Checks that opening examples/telemedicine.moat activates the extension (its status-bar item
// appears), colours the file with the TextMate grammar, shows findings in the Problems panel and
// lists "Moat: Open Diagram Preview" in the command palette, and that the preview draws the model
// in its webview and a click on a node moves the editor to its declaration. Saves screenshots to
// test-artifacts/ (and docs/images/ with MOAT_UPDATE_SCREENSHOT=1).
//
// Without /usr/bin/chromium the suite is skipped, unless MOAT_REQUIRE_BROWSER=1 (CI) makes that
// a failure. scripts/code-server-setup.sh installs code-server (and chromium) the first time.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.MOAT_CHROMIUM ?? '/usr/bin/chromium';
const PREFIX = process.env.MOAT_CODE_SERVER_PREFIX ?? join(homedir(), '.cache/moat-code-server');
const CODE_SERVER = join(PREFIX, 'bin/code-server');
const VSIX = join(ROOT, 'moat.vsix');
const SCREENSHOT = join(ROOT, 'test-artifacts/e2e-telemedicine.png');
const README_IMAGE = join(ROOT, 'docs/images/vscode-telemedicine.png');
const PREVIEW_SCREENSHOT = join(ROOT, 'test-artifacts/e2e-preview.png');
const README_PREVIEW_IMAGE = join(ROOT, 'docs/images/vscode-diagram-preview.png');
// Rules that fire on examples/telemedicine.moat (see `npx moat check examples/telemedicine.moat`).
const EXPECTED_RULES = ['unauthenticated-flow-into-trusted-zone', 'confused-deputy'];

function log(message: string): void {
  process.stdout.write(`      [e2e] ${message}\n`);
}

function run(command: string, args: string[], what: string): void {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function newestMtime(dir: string): number {
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(path) : stat.mtimeMs);
  }
  return newest;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number, serverExited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exited = serverExited();
    if (exited) throw new Error(`code-server exited before answering HTTP: ${exited}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('VS Code end to end (code-server + Chromium)', function () {
  this.timeout(300_000);

  let temp = '';
  let workspace = '';
  let codeServer: ChildProcess | undefined;
  let codeServerOutput = '';
  let browser: Browser | undefined;
  let page: Page;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.MOAT_REQUIRE_BROWSER === '1') {
        throw new Error(`${CHROMIUM} is missing and MOAT_REQUIRE_BROWSER=1 (apt-get install chromium)`);
      }
      log(`${CHROMIUM} is missing: skipping (set MOAT_REQUIRE_BROWSER=1 to fail instead)`);
      this.skip();
    }
    run('bash', [join(ROOT, 'scripts/code-server-setup.sh'), PREFIX], 'code-server setup');
    // `npm run test:e2e` rebuilds dist/ first (fresh mtimes every run), so staleness is judged
    // against what dist/ and the package are made from.
    const inputs = ['client/src', 'server/src', 'grammar', 'media', 'package.json', 'scripts/build.mjs'];
    const newestInput = Math.max(...inputs.map((p) => join(ROOT, p)).filter((p) => existsSync(p)).map(newestMtime));
    if (!existsSync(VSIX) || statSync(VSIX).mtimeMs < newestInput) {
      run('npm', ['run', 'package'], 'npm run package');
    }

    temp = mkdtempSync(join(tmpdir(), 'moat-e2e-'));
    const extensionsDir = join(temp, 'extensions');
    const userDataDir = join(temp, 'user-data');
    workspace = join(temp, 'workspace');
    mkdirSync(workspace, { recursive: true });
    copyFileSync(join(ROOT, 'examples/telemedicine.moat'), join(workspace, 'telemedicine.moat'));
    // A quiet workbench for the screenshot: no welcome page, no chat side bar.
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.disableAIFeatures': true,
      'workbench.tips.enabled': false,
    }, null, 2));
    run(CODE_SERVER, ['--install-extension', VSIX, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], 'install moat.vsix');

    const port = await freePort();
    const started = Date.now();
    codeServer = spawn(CODE_SERVER, [
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, workspace,
    ], { cwd: temp, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let exited: string | undefined;
    codeServer.on('exit', (code, signal) => { exited = `exit ${code ?? signal}\n${codeServerOutput}`; });
    codeServer.stdout?.on('data', (chunk) => { codeServerOutput += chunk; });
    codeServer.stderr?.on('data', (chunk) => { codeServerOutput += chunk; });
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`, 120_000, () => exited);
    log(`code-server answering on port ${port}: ${((Date.now() - started) / 1000).toFixed(1)} s`);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const loaded = Date.now();
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    // The explorer lists the workspace once the remote file system is up.
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'telemedicine.moat' }).waitFor({ timeout: 120_000 });
    log(`workbench loaded: ${((Date.now() - loaded) / 1000).toFixed(1)} s`);

    // Quick Open (Ctrl+P), type the name, Enter.
    const opened = Date.now();
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => undefined);
    await page.keyboard.press('Control+P');
    const quickInput = page.locator('.quick-input-widget .quick-input-box input');
    await quickInput.waitFor({ timeout: 30_000 });
    await quickInput.fill('telemedicine.moat');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'telemedicine.moat' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'telemedicine.moat' }).waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .view-lines .view-line').first().waitFor({ timeout: 30_000 });
    log(`editor open: ${((Date.now() - opened) / 1000).toFixed(1)} s`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const name = (this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 40));
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: join(dirname(SCREENSHOT), `e2e-failed-${name}.png`) }).catch(() => undefined);
    }
  });

  after(async function () {
    await browser?.close().catch(() => undefined);
    if (codeServer?.pid && codeServer.exitCode === null) {
      try {
        process.kill(-codeServer.pid, 'SIGTERM'); // the wrapper script and its node process
      } catch {
        codeServer.kill('SIGTERM');
      }
    }
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('activates the extension (status-bar item with the open findings)', async function () {
    const started = Date.now();
    const item = page.locator('.statusbar-item', { hasText: /open finding/ });
    await item.first().waitFor({ timeout: 120_000 });
    const text = (await item.first().innerText()).trim();
    log(`status bar "${text}" after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.match(text, /\d+ open findings?/);
  });

  it('colours the file with the TextMate grammar (source.moat)', async function () {
    // `model "Telemedicine platform" {`: keyword, string and punctuation in distinct token classes.
    const line = page.locator('.monaco-editor .view-lines .view-line', { hasText: 'model "Telemedicine platform"' });
    await line.waitFor({ timeout: 30_000 });
    // Tokenisation is asynchronous: wait until the line holds more than one token colour.
    await page.waitForFunction(() => {
      const lines = [...(globalThis as any).document.querySelectorAll('.monaco-editor .view-lines .view-line')];
      // Rendered lines use non-breaking spaces.
      const l = lines.find((e) => e.textContent?.replace(/\u00a0/g, ' ').includes('model "Telemedicine platform"'));
      if (!l) return false;
      const classes = new Set([...l.querySelectorAll('span[class*="mtk"]')].map((s) => [...s.classList].find((c) => /^mtk\d+$/.test(c))));
      return classes.size > 1;
    }, undefined, { timeout: 30_000 });
    const classes = await line.evaluate((l) => [...l.querySelectorAll('span[class*="mtk"]')]
      .map((s) => ({ text: (s.textContent ?? '').replace(/\u00a0/g, ' '), mtk: [...s.classList].find((c) => /^mtk\d+$/.test(c)) ?? '' })));
    const distinct = new Set(classes.map((c) => c.mtk));
    assert.ok(distinct.size > 1, `one token class only: ${JSON.stringify(classes)}`);
    const keyword = classes.find((c) => c.text.trim() === 'model');
    const name = classes.find((c) => c.text.includes('Telemedicine platform'));
    assert.ok(keyword && name, `tokens: ${JSON.stringify(classes)}`);
    assert.notEqual(keyword.mtk, name.mtk, 'the keyword and the string share a colour');
    // A line with a keyword and an ID: `process gateway "API gateway" {`.
    const processLine = page.locator('.monaco-editor .view-lines .view-line', { hasText: 'process gateway "API gateway"' });
    const processClasses = await processLine.evaluate((l) => [...l.querySelectorAll('span[class*="mtk"]')]
      .map((s) => [...s.classList].find((c) => /^mtk\d+$/.test(c)) ?? ''));
    assert.ok(new Set(processClasses).size > 1, `one token class on the process line: ${processClasses}`);
  });

  it('shows the findings in the Problems panel', async function () {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    const started = Date.now();
    await rows.filter({ hasText: new RegExp(EXPECTED_RULES.join('|')) }).first().waitFor({ timeout: 60_000 });
    const texts = await rows.allInnerTexts();
    log(`Problems panel: ${texts.length} rows after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.ok(texts.some((t) => t.includes('telemedicine.moat')), `no file row: ${texts.join(' | ')}`);
  });

  it('lists "Moat: Open Diagram Preview" in the command palette', async function () {
    // Screenshot first: editor, status bar and Problems panel, without the palette over them.
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    // The README's picture changes only on request, so a test run leaves the checkout clean.
    if (process.env.MOAT_UPDATE_SCREENSHOT === '1') {
      mkdirSync(dirname(README_IMAGE), { recursive: true });
      copyFileSync(SCREENSHOT, README_IMAGE);
    }

    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: 30_000 });
    await input.fill('>Moat: Open Diagram');
    const entry = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Moat: Open Diagram Preview' });
    await entry.first().waitFor({ timeout: 30_000 });
    const labels = await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
    assert.ok(labels.some((l) => l.includes('Moat: Open Diagram Preview')), labels.join(' | '));
    await page.keyboard.press('Escape');
  });

  it('opens the diagram preview beside the editor, and a click on a node reveals its declaration', async function () {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: 30_000 });
    await input.fill('>Moat: Open Diagram Preview to the Side');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Moat: Open Diagram Preview to the Side' }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');

    // The webview is an iframe in an iframe: find the frame that holds the drawn model.
    const started = Date.now();
    let diagram: import('playwright-core').Frame | undefined;
    while (!diagram && Date.now() - started < 120_000) {
      for (const frame of page.frames()) {
        const drawn = await frame.locator('svg [data-moat-id="gateway"]').count().catch(() => 0);
        if (drawn > 0) diagram = frame;
      }
      if (!diagram) await page.waitForTimeout(500);
    }
    assert.ok(diagram, 'no webview frame shows the diagram');
    log(`diagram drawn after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const id of ['patient', 'gateway', 'visits', 'records', 'cloud', 'dmz', 'book']) {
      assert.equal(await diagram.locator(`svg [data-moat-id="${id}"]`).count(), 1, `${id} is drawn once`);
    }

    // The cursor is elsewhere first, so a move to the gateway's line can only come from the click.
    await page.locator('.monaco-editor .view-lines .view-line').first().click();
    await diagram.locator('svg [data-moat-id="gateway"]').click();
    // Looked up afresh on each poll: VS Code removes the Ln/Col item while the webview has focus
    // and makes a new one when the editor is back.
    const revealed = page.locator('.statusbar-item', { hasText: /Ln 23, Col \d+/ }).first();
    await revealed.waitFor({ timeout: 30_000 });
    // The name is selected: the cursor sits at its end.
    assert.match(await revealed.innerText(), /Ln 23, Col 20 \(7 selected\)/, 'the name of `process gateway` is selected');

    await page.screenshot({ path: PREVIEW_SCREENSHOT });
    if (process.env.MOAT_UPDATE_SCREENSHOT === '1') copyFileSync(PREVIEW_SCREENSHOT, README_PREVIEW_IMAGE);
  });
});
