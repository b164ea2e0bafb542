import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { PreviewState } from '../../client/src/preview/messages';
import type { DiagramResult } from '../../server/src/protocol';
import { diagramOf } from '../helpers/diagram-fixture';
import { marked } from '../helpers/markers';
import { chromiumPath, ensurePreviewBuilt, launchChromium, openPreview, startPreviewServer, type PreviewPage } from '../helpers/preview-page';

// The diagram preview page in real headless Chromium, fed real diagrams from the core, with
// acquireVsCodeApi stubbed. The bundle is (re)built when older than its sources.

const repo = join(import.meta.dirname, '..', '..');

/** A small shop: the ⟦…⟧ marks the name of `api`, where a click on it must take the editor. */
const shop = marked(`model "Shop" {}
data pii "Customer data" { classification: confidential }
actor customer "Customer"
boundary cloud "Cloud" {
  trust: high
  process ⟦api⟧ "Order API" {
    code: "src/api.ts#handleOrder"
  }
  store db "Orders DB" {
    holds: [pii]
  }
}
flow order: customer -> api "Place order" {
  protocol: "http"
  data: [pii]
}
flow api -> db "Write order" {
  protocol: "postgres"
}
`);

/** The page's globals as functions run there see them: the test program itself is compiled without the DOM lib. */
interface PageGlobals {
  readonly document: any;
  getComputedStyle(element: unknown): { readonly fill: string };
  readonly DOMParser: new () => { parseFromString(text: string, type: string): any };
}

const drawnKinds = new Set(['actor', 'external', 'process', 'store']);

describe('diagram preview page (headless Chromium)', function () {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startPreviewServer>>;
  let shopDiagram: DiagramResult;
  let preview: PreviewPage | undefined;
  /** Page problems a test provoked on purpose (the CSP blocking what it must block). */
  let expectedProblems: RegExp | undefined;

  before(async function () {
    if (!existsSync(chromiumPath)) {
      if (process.env.MOAT_REQUIRE_BROWSER === '1') throw new Error(`${chromiumPath} is missing and MOAT_REQUIRE_BROWSER=1 (apt-get install -y chromium)`);
      this.skip();
    }
    this.timeout(120_000);
    ensurePreviewBuilt();
    [browser, server, shopDiagram] = await Promise.all([launchChromium(), startPreviewServer('Shop <b>diagram</b>'), diagramOf(shop.text)]);
    assert.equal(shopDiagram.errorCount, 0, 'the test model itself must be valid');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async function () {
    // Whatever the test checked, the page must not have broken its CSP, logged an error or opened a dialog.
    if (preview) {
      const problems = await preview.problems();
      await preview.context.close();
      preview = undefined;
      const tolerated = expectedProblems;
      expectedProblems = undefined;
      if (this.currentTest?.state === 'passed') assert.deepEqual(problems.filter((m) => !tolerated?.test(m)), []);
    }
  });

  /** Opens the page, waits for `ready`, sends the diagram and waits for it to be drawn. */
  async function show(diagram: DiagramResult, state?: PreviewState, viewport?: { width: number; height: number }, scale?: number): Promise<PreviewPage> {
    preview = await openPreview(browser, server.url, state, viewport, scale);
    await preview.waitForPosted('ready');
    await preview.send({ type: 'diagram', diagram });
    await preview.page.waitForSelector('#stage svg .moat-node');
    return preview;
  }

  const transform = (p: PreviewPage): Promise<string> => p.page.$eval('#stage', (s) => (s as unknown as { style: { transform: string } }).style.transform);

  it('renders a model: one node per element and one edge per flow, under a strict CSP', async () => {
    const p = await show(shopDiagram);
    const elements = Object.values(shopDiagram.elements);
    const nodes = await p.page.$$eval('#stage svg .moat-node[data-moat-id]', (n) => n.map((e) => e.getAttribute('data-moat-id')));
    const edges = await p.page.$$eval('#stage svg .moat-edge[data-moat-id]', (n) => n.length);
    assert.equal(nodes.length, elements.filter((e) => drawnKinds.has(e.kind)).length);
    assert.deepEqual(new Set(nodes), new Set(['customer', 'api', 'db']));
    assert.equal(edges, elements.filter((e) => e.kind === 'flow').length);
    assert.equal(edges, 2);
    // The renderer's stylesheet applies although the page forbids inline <style>: shapes are filled.
    const fill = await p.page.$eval('[data-moat-id="api"] .moat-shape', (s) => (globalThis as unknown as PageGlobals).getComputedStyle(s).fill);
    assert.notEqual(fill, 'rgb(0, 0, 0)');
    assert.equal(await p.page.$$eval('#stage style', (s) => s.length), 0);
    assert.equal(await p.page.title(), 'Shop <b>diagram</b>', 'the title is escaped text');
    assert.equal(await p.page.isVisible('#banner'), false, 'no error banner for a valid model');
  });

  it('a click on a node selects it and reveals its name in the editor; "Go to code" opens its link', async () => {
    const p = await show(shopDiagram);
    await p.page.click('#stage [data-moat-id="api"]');
    const reveal = await p.waitForPosted('reveal');
    assert.deepEqual(reveal, { type: 'reveal', id: 'api', uri: 'file:///w/model.moat', range: shop.ranges[0] });
    assert.deepEqual(await p.page.$$eval('.moat-selected', (n) => n.map((e) => e.getAttribute('data-moat-id'))), ['api']);
    // The details pane names the element and lists its findings.
    assert.equal(await p.page.textContent('#details .details-title'), 'Order API');
    const listed = await p.page.$$eval('#details .finding-title', (n) => n.map((e) => e.textContent));
    assert.deepEqual(listed.sort(), shopDiagram.findings.filter((f) => f.target === 'api').map((f) => f.title).sort());
    assert.ok(listed.length > 0, 'the test model gives the API findings');
    await p.page.click('#go-to-code');
    assert.deepEqual(await p.waitForPosted('goToCode'), { type: 'goToCode', id: 'api', link: 'src/api.ts#handleOrder' });
  });

  it('a click on a flow reveals the flow; a drag pans and reveals nothing', async () => {
    const p = await show(shopDiagram);
    await p.page.locator('#stage [data-moat-id="order"] text').first().click();
    assert.equal((await p.waitForPosted('reveal')).id, 'order');
    await p.page.keyboard.press('Escape');
    assert.equal(await p.page.isVisible('#details'), false, 'Escape closes the details');
    const before = (await p.posted()).length;
    const box = (await p.page.locator('#stage [data-moat-id="db"]').boundingBox())!;
    const start = await transform(p);
    await p.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await p.page.mouse.down();
    await p.page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 5 });
    await p.page.mouse.up();
    assert.notEqual(await transform(p), start, 'the drag moved the picture');
    assert.deepEqual((await p.posted()).slice(before).filter((m) => m.type === 'reveal'), []);
  });

  it('a highlight message marks exactly that element, and null clears it', async () => {
    const p = await show(shopDiagram);
    await p.send({ type: 'highlight', id: 'db' });
    const marked = () => p.page.$$eval('.moat-highlight', (n) => n.map((e) => e.getAttribute('data-moat-id')));
    assert.deepEqual(await marked(), ['db']);
    await p.send({ type: 'highlight', id: 'api->db' });
    assert.deepEqual(await marked(), ['api->db']);
    await p.send({ type: 'highlight', id: null });
    assert.deepEqual(await marked(), []);
  });

  it('a highlighted element off screen is panned into view', async () => {
    const p = await show(shopDiagram);
    await p.page.click('[data-action="reset"]');
    for (let i = 0; i < 8; i++) await p.page.click('[data-action="zoom-in"]');
    await p.send({ type: 'highlight', id: 'customer' });
    const v = (await p.page.locator('#viewport').boundingBox())!;
    const r = (await p.page.locator('#stage [data-moat-id="customer"]').boundingBox())!;
    const [cx, cy] = [r.x + r.width / 2, r.y + r.height / 2];
    assert.ok(cx >= v.x && cx <= v.x + v.width && cy >= v.y && cy <= v.y + v.height, 'the element is in view');
  });

  it('model text that looks like markup shows as text and runs nothing', async () => {
    const hostile = await diagramOf(`model "Hostile" {}
actor evil "<script>alert(1)</script>"
process p "<svg onload=alert(2)>"
store s "<img src=x onerror=alert(3)>"
flow evil -> p "<script>alert(4)</script>"
`);
    const p = await show(hostile);
    const text = await p.page.$eval('#stage svg', (s) => s.textContent ?? '');
    assert.ok(text.includes('<script>alert(1)</script>'), 'the label shows as text');
    assert.ok(text.includes('<svg onload=alert(2)>'));
    const dom = await p.page.$eval('#stage', (stage) => ({
      scripts: stage.querySelectorAll('script, foreignObject, img, iframe').length,
      handlers: [...stage.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => a.name)),
    }));
    assert.deepEqual(dom, { scripts: 0, handlers: [] });
    await p.page.click('#stage [data-moat-id="evil"]');
    assert.equal(await p.page.textContent('#details .details-title'), '<script>alert(1)</script>');
    assert.equal(await p.page.$$eval('#details script, #details img', (n) => n.length), 0);
    await p.page.waitForTimeout(200); // give anything that could run a chance to (it must not)
  });

  it('strips scripts, foreign objects and event attributes from an SVG the renderer would never send', async () => {
    const p = await show(shopDiagram);
    // The injected onclick is parsed before it is stripped: the CSP refuses it at that moment, which is the second line of defence.
    expectedProblems = /script-src-attr|inline event handler/;
    const tampered = shopDiagram.svg
      .replace('</svg>', '<script>alert(5)</script><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject><a href="javascript:alert(6)"><text>link</text></a></svg>')
      .replace('<g class="moat-node', '<g onclick="alert(7)" class="moat-node');
    await p.send({ type: 'diagram', diagram: { ...shopDiagram, svg: tampered } });
    await p.page.waitForSelector('#stage svg a', { state: 'attached' });
    const dom = await p.page.$eval('#stage', (stage) => ({
      bad: stage.querySelectorAll('script, foreignObject, div').length,
      handlers: [...stage.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on|href$/i.test(a.name)).map((a) => a.name)),
    }));
    assert.deepEqual(dom, { bad: 0, handlers: [] });
    await p.page.click('#stage [data-moat-id="api"]');
    assert.equal((await p.waitForPosted('reveal')).id, 'api', 'the cleaned picture still works');
  });

  it('a live update keeps the zoom and position', async () => {
    const p = await show(shopDiagram);
    await p.page.click('[data-action="zoom-in"]');
    await p.page.click('[data-action="zoom-in"]');
    const zoomed = await transform(p);
    const edited = await diagramOf(shop.text.replace('actor customer "Customer"', 'actor customer "Customer"\nexternal bank "Payment provider"'));
    await p.send({ type: 'diagram', diagram: edited });
    await p.page.waitForSelector('#stage [data-moat-id="bank"]');
    assert.equal(await transform(p), zoomed);
    const saved = (await p.savedState())?.zoom ?? 0;
    assert.ok(Math.abs(saved - Number(/scale\(([\d.]+)\)/.exec(zoomed)?.[1])) < 1e-4, 'the saved zoom is the shown one');
  });

  it('filtering by STRIDE category dims what has no matching finding, counts, and is saved', async () => {
    const p = await show(shopDiagram);
    const keep = 'spoofing';
    for (const category of ['tampering', 'repudiation', 'information_disclosure', 'denial_of_service', 'elevation_of_privilege']) {
      await p.page.click(`button[data-filter="categories"][data-value="${category}"]`);
    }
    const lit = new Set(shopDiagram.findings.filter((f) => f.category === keep).map((f) => f.target));
    const drawn = Object.entries(shopDiagram.elements).filter(([, e]) => e.kind !== 'boundary');
    const expectedDimmed = drawn.filter(([id]) => !lit.has(id)).map(([id]) => id).sort();
    assert.ok(expectedDimmed.length > 0 && expectedDimmed.length < drawn.length, 'the model has elements on both sides of the filter');
    const dimmed = await p.page.$$eval('.moat-dimmed', (n) => n.map((e) => e.getAttribute('data-moat-id')!).sort());
    assert.deepEqual(dimmed, expectedDimmed);
    const shown = shopDiagram.findings.filter((f) => f.category === keep).length;
    assert.equal(await p.page.textContent('#finding-count'), `${shown} of ${shopDiagram.findings.length} findings shown`);
    assert.deepEqual((await p.savedState())?.categories, [keep]);
  });

  it('exports what is shown as SVG and as PNG', async () => {
    const p = await show(shopDiagram);
    await p.page.click('button[data-filter="statuses"][data-value="open"]');
    await p.page.click('[data-action="export-svg"]');
    const svg = await p.waitForPosted('export');
    assert.equal(svg.format, 'svg');
    // Parsed in a blank page: the preview's CSP would (rightly) refuse the export's own <style>.
    const blank = await p.context.newPage();
    const parsed = await blank.evaluate((text) => {
      const doc = new (globalThis as unknown as PageGlobals).DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        nodes: [...doc.querySelectorAll('.moat-node[data-moat-id]')].map((n) => n.getAttribute('data-moat-id')).sort(),
        styled: (doc.querySelector('style')?.textContent ?? '').includes('.moat-node'),
        dimmed: doc.querySelectorAll('.moat-dimmed').length,
      };
    }, svg.format === 'svg' ? svg.svg : '');
    assert.deepEqual(parsed, { error: 0, nodes: ['api', 'customer', 'db'], styled: true, dimmed: await p.page.$$eval('#stage .moat-dimmed', (n) => n.length) });
    const before = (await p.posted()).length;
    await p.send({ type: 'requestExport', format: 'png' });
    const png = await p.waitForPosted('export', before);
    assert.equal(png.format, 'png');
    const bytes = Buffer.from(png.format === 'png' ? png.base64 : '', 'base64');
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const svgWidth = await p.page.$eval('#stage svg', (s) => Number(s.getAttribute('width')));
    assert.equal(bytes.readUInt32BE(16), svgWidth * 2, 'drawn at 2x');
  });

  it('restores the saved zoom, position and filters on reload', async () => {
    const saved: PreviewState = { rootUri: shopDiagram.rootUri, zoom: 1.7, panX: 33, panY: -12, categories: [], statuses: ['open'] };
    const p = await show(shopDiagram, saved);
    assert.equal(await transform(p), 'translate(33px, -12px) scale(1.7)');
    const pressed = await p.page.$$eval('button[data-filter="statuses"][aria-pressed="true"]', (n) => n.map((b) => b.getAttribute('data-value')));
    assert.deepEqual(pressed, ['open']);
    assert.equal(await p.page.textContent('#zoom-level'), '170%');
  });

  it('shows model errors as a banner and a problem over the last picture', async () => {
    const p = await show({ ...shopDiagram, errorCount: 2 });
    assert.equal(await p.page.textContent('#banner'), 'The model has 2 errors: the picture may be incomplete.');
    await p.send({ type: 'problem', message: '<b>The language server is not ready</b>' });
    assert.equal(await p.page.textContent('#problem'), '<b>The language server is not ready</b>');
    assert.equal(await p.page.$$eval('#problem b', (n) => n.length), 0);
    assert.equal(await p.page.$$eval('#stage .moat-node', (n) => n.length > 0), true, 'the last picture stays');
  });

  it('zooms with the keyboard and the wheel, around the cursor', async () => {
    const p = await show(shopDiagram);
    await p.page.click('[data-action="reset"]');
    await p.page.keyboard.press('+');
    assert.match(await transform(p), /scale\(1\.25\)$/);
    await p.page.keyboard.press('0');
    assert.equal(await transform(p), 'translate(0px, 0px) scale(1)');
    // The picture point under the cursor stays under it.
    await p.page.mouse.move(300, 300);
    const under = await p.page.evaluate(() => (globalThis as unknown as PageGlobals).document.elementFromPoint(300, 300)?.closest('[data-moat-id]')?.getAttribute('data-moat-id') ?? null);
    await p.page.mouse.wheel(0, -200);
    await p.page.waitForFunction(() => !(globalThis as unknown as PageGlobals).document.getElementById('stage').style.transform.endsWith('scale(1)'));
    const after = await p.page.evaluate(() => (globalThis as unknown as PageGlobals).document.elementFromPoint(300, 300)?.closest('[data-moat-id]')?.getAttribute('data-moat-id') ?? null);
    assert.equal(after, under);
  });

  it('shows the telemedicine example with a node selected (screenshot for the README)', async () => {
    const diagram = await diagramOf(readFileSync(join(repo, 'examples/telemedicine.moat'), 'utf8'));
    // Sized to the example's wide, flat picture, at 2x so the README image stays sharp.
    const p = await show(diagram, undefined, { width: 1280, height: 520 }, 2);
    await p.page.click('#stage [data-moat-id="gateway"]');
    await p.page.waitForSelector('#details:not([hidden])');
    // Fit after the details pane took its room, as a user would.
    await p.page.click('[data-action="fit"]');
    mkdirSync(join(repo, 'test-artifacts'), { recursive: true });
    const image = await p.page.screenshot();
    writeFileSync(join(repo, 'test-artifacts', 'preview.png'), image);
    if (process.env.MOAT_UPDATE_SCREENSHOT === '1') writeFileSync(join(repo, 'docs', 'images', 'diagram-preview.png'), image);
    assert.equal(await p.page.$$eval('#stage .moat-node[data-moat-id]', (n) => n.length), Object.values(diagram.elements).filter((e) => drawnKinds.has(e.kind)).length);
  });
});
