import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagramGraph, DiagramGraph } from '../../../server/src/core/diagram/graph';
import { renderDot } from '../../../server/src/core/diagram/dot';
import { Box, layoutDiagram, LaidOutDiagram } from '../../../server/src/core/diagram/layout';
import { escapeXml, renderSvg } from '../../../server/src/core/diagram/svg';
import { textWidth, wrapText } from '../../../server/src/core/diagram/text-width';
import { linkModel } from '../../../server/src/core/model/link';
import { evaluateRules } from '../../../server/src/core/rules/engine';
import { parseMoat } from '../../../server/src/core/syntax/parse';
import type { ThreatModel } from '../../../server/src/core/model/threat-model';
import { testToday } from '../../helpers/rules';

/** Parses, links and evaluates a model string, failing on errors, and builds its diagram graph. */
function graphOf(text: string): { graph: DiagramGraph; model: ThreatModel } {
  const uri = 'file:///ws/model.moat';
  const parsed = parseMoat(uri, text);
  const linked = linkModel(uri, [parsed.file]);
  const errors = [...parsed.diagnostics, ...linked.diagnostics].filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => d.message), []);
  const { findings } = evaluateRules(linked.model, { today: testToday });
  return { graph: diagramGraph(linked.model, findings), model: linked.model };
}

async function render(text: string): Promise<{ graph: DiagramGraph; laidOut: LaidOutDiagram; svg: string; model: ThreatModel }> {
  const { graph, model } = graphOf(text);
  const laidOut = await layoutDiagram(graph);
  return { graph, laidOut, svg: renderSvg(laidOut), model };
}

const nested = `
model "Nested" {}
data phi "PHI" { classification: restricted }
actor user "User"
external idp "Identity provider"
boundary cloud "Cloud" {
  trust: high
  boundary dmz "DMZ" {
    trust: medium
    process gw "Gateway" { tech: "nginx" }
  }
  boundary inner "Inner" {
    trust: high
    boundary core "Core" {
      process api "API service"
      store db "Database" { tech: "postgres" }
    }
  }
}
flow login: user -> gw "Log in" { protocol: "https" data: [phi] }
flow gw -> api "Forward" { protocol: "http" }
flow api <-> db "Read and write" { protocol: "postgres" data: [phi] }
flow api -> idp "Verify token" { protocol: "https" }
`;

/** Whether `inner` lies inside `outer` (touching edges allowed, with rounding slack). */
function inside(inner: Box, outer: Box): boolean {
  const e = 0.5;
  return inner.x >= outer.x - e && inner.y >= outer.y - e && inner.x + inner.width <= outer.x + outer.width + e && inner.y + inner.height <= outer.y + outer.height + e;
}

describe('diagram', () => {
  it('has one node per element, one edge per flow and one compound node per boundary', async () => {
    const { graph, laidOut, svg, model } = await render(nested);
    assert.equal(graph.nodes.length, model.elements.size);
    assert.equal(graph.edges.length, model.flows.size);
    assert.equal(graph.boundaries.length, model.boundaries.size);
    assert.equal(laidOut.nodes.length, model.elements.size);
    assert.equal((svg.match(/data-moat-kind="(actor|external|process|store)"/g) ?? []).length, model.elements.size);
    assert.equal((svg.match(/data-moat-kind="flow"/g) ?? []).length, model.flows.size);
    assert.equal((svg.match(/data-moat-kind="boundary"/g) ?? []).length, model.boundaries.size);
    assert.deepEqual(graph.boundaries.find((b) => b.id === 'cloud')!.children, ['dmz', 'inner']);
  });

  it('puts data-moat-id on every element, boundary and flow', async () => {
    const { model, svg } = await render(nested);
    for (const id of [...model.elements.keys(), ...model.boundaries.keys(), ...model.flows.keys()]) {
      assert.ok(svg.includes(`data-moat-id="${escapeXml(id)}"`), `no data-moat-id for ${id}`);
    }
    const groups = svg.match(/<g class="moat-(node|edge|boundary)[^"]*"[^>]*>/g) ?? [];
    const withId = groups.filter((g) => g.includes('data-moat-id='));
    // Legend samples are the only groups without an ID.
    assert.equal(groups.length - withId.length, 4 + 4);
  });

  it('renders the same model byte for byte the same', async () => {
    const a = await render(nested);
    const b = await render(nested);
    assert.equal(a.svg, b.svg);
    assert.deepEqual(a.laidOut, b.laidOut);
  });

  it('escapes model text and emits no script, event handler or external reference', async () => {
    const evil = `
actor user "<script>alert(1)</script>"
process app "a & b \\"quoted\\" 'single' <img src=x>"
boundary zone "</text><script>x</script>" { store db "<b>db</b>" }
flow user -> app "<script>flow()</script>"
flow app -> db "ok"
`;
    const { svg } = await render(evil);
    assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(svg.includes('&lt;script&gt;flow()&lt;/script&gt;'));
    assert.ok(svg.includes('&quot;quoted&quot;') && svg.includes('&#39;single&#39;') && svg.includes('a &amp; b'));
    assert.ok(!/<script/i.test(svg), 'a <script> element');
    assert.ok(!/<[^>]*\son\w+\s*=/i.test(svg), 'an on* attribute');
    assert.ok(!/ on\w+=/i.test(svg), 'an on* attribute');
    assert.ok(!/href\s*=/i.test(svg), 'an external reference');
    assert.ok(!/<foreignObject/i.test(svg));
    assert.equal(escapeXml(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
  });

  it('keeps nested boundaries and their elements inside their parents', async () => {
    const { laidOut, graph } = await render(nested);
    const boxes = new Map<string, Box>([...laidOut.boundaries, ...laidOut.nodes].map((b) => [b.id, b]));
    for (const b of graph.boundaries) {
      if (b.parent) assert.ok(inside(boxes.get(b.id)!, boxes.get(b.parent)!), `${b.id} outside ${b.parent}`);
      for (const child of b.children) assert.ok(inside(boxes.get(child)!, boxes.get(b.id)!), `${child} outside ${b.id}`);
    }
    for (const n of graph.nodes) if (!n.boundary) for (const b of graph.boundaries) assert.ok(!inside(boxes.get(n.id)!, boxes.get(b.id)!), `${n.id} drawn inside ${b.id}`);
    const dmz = laidOut.boundaries.find((b) => b.id === 'dmz')!;
    assert.equal(dmz.depth, 1);
  });

  it('routes every flow from its source box to its target box in absolute coordinates', async () => {
    const { laidOut } = await render(nested);
    const nodes = new Map(laidOut.nodes.map((n) => [n.id, n]));
    const near = (p: { x: number; y: number }, b: Box): boolean => p.x >= b.x - 2 && p.x <= b.x + b.width + 2 && p.y >= b.y - 2 && p.y <= b.y + b.height + 2;
    for (const e of laidOut.edges) {
      assert.ok(e.points.length >= 2, `${e.id} has no route`);
      assert.ok(near(e.points[0]!, nodes.get(e.source)!), `${e.id} does not start at ${e.source}`);
      assert.ok(near(e.points[e.points.length - 1]!, nodes.get(e.target)!), `${e.id} does not end at ${e.target}`);
      if (e.lines.length) assert.ok(e.labelBox && e.labelBox.width > 0, `${e.id} has no label box`);
    }
  });

  it('gives a two-way flow two arrowheads and a one-way flow one', async () => {
    const { svg } = await render(nested);
    const group = (id: string): string => svg.split('\n').find((l) => l.includes(`data-moat-id="${escapeXml(id)}" data-moat-kind="flow"`))!;
    const two = group('api->db');
    assert.ok(two.includes('marker-start="url(#moat-arrow-start)"') && two.includes('marker-end="url(#moat-arrow-end)"'));
    const one = group('login');
    assert.ok(!one.includes('marker-start') && one.includes('marker-end'));
  });

  it('shows open findings as a badge coloured by the highest severity', async () => {
    const { graph, svg } = await render(nested);
    const flagged = [...graph.nodes, ...graph.edges].filter((n) => n.badge.open > 0);
    assert.ok(flagged.length > 0, 'the model should have open findings');
    for (const n of flagged) assert.ok(svg.includes(`class="moat-badge moat-badge-${n.badge.highest}" data-moat-open="${n.badge.open}"`));
  });

  it('renders every example, in every theme', async () => {
    const dir = 'examples';
    const files = readdirSync(dir).filter((f) => f.endsWith('.moat'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const { graph, laidOut } = await render(readFileSync(join(dir, file), 'utf8'));
      for (const theme of ['light', 'dark', 'vscode'] as const) {
        const svg = renderSvg(laidOut, { theme });
        assert.ok(svg.startsWith('<svg ') && svg.trimEnd().endsWith('</svg>'), file);
        assert.ok(!/NaN|undefined/.test(svg), `${file}: NaN or undefined in the SVG`);
      }
      assert.ok(renderDot(graph).includes('digraph'));
    }
  });

  it('uses VS Code theme variables with fallbacks in the vscode theme', async () => {
    const { laidOut } = await render(nested);
    assert.ok(renderSvg(laidOut, { theme: 'vscode' }).includes('var(--vscode-editor-foreground, #222222)'));
  });

  it('writes DOT with nested clusters and escaped labels', () => {
    const { graph } = graphOf(nested + `\nactor q "say \\"hi\\""`);
    const dot = renderDot(graph);
    assert.match(dot, /subgraph "cluster_\d+_cloud" \{[\s\S]*subgraph "cluster_\d+_inner" \{[\s\S]*subgraph "cluster_\d+_core"/);
    assert.ok(dot.includes('label="say \\"hi\\""'));
    assert.ok(dot.includes('dir=both'));
  });

  it('lays out an empty boundary, a model without boundaries and flows, and wide labels', async () => {
    const { laidOut, svg } = await render(`boundary empty "Empty zone" {}\nactor a "${'Very long label '.repeat(8)}"\n`);
    const empty = laidOut.boundaries[0]!;
    assert.ok(empty.width > 0 && empty.height > 0);
    assert.ok(laidOut.nodes[0]!.lines.length > 1, 'a long label wraps');
    assert.ok(!/NaN|undefined/.test(svg));
    const bare = await render('process p "P"\n');
    assert.equal(bare.laidOut.nodes.length, 1);
  });

  it('measures text deterministically', () => {
    assert.equal(textWidth('Hello'), textWidth('Hello'));
    assert.ok(textWidth('WWW') > textWidth('iii'));
    assert.deepEqual(wrapText('one two three four five six seven eight nine ten', 80).length > 1, true);
  });
});
