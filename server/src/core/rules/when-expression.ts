import { Diagnostic, DiagnosticCode } from '../diagnostic';
import { propertySpec } from '../model/property-schema';
import { classifications, DataFlow, Element, rank, ThreatModel, trustLevels } from '../model/threat-model';
import type { Expression } from '../syntax/ast';
import { didYouMean, suggestNames } from '../text/suggest';
import type { ModelFacts } from './facts';
import type { RuleSubject } from './rule';
import { quote } from '../text/quote';

/**
 * The `when:` language of custom rules: type-checked once per rule into a tree of closures,
 * then run per subject. No `eval`; every failure is a diagnostic on the expression, and a
 * checked expression cannot throw while it runs.
 */

/** What a `when` is evaluated on: the subjects built-in rules see. */
type WhenSubject = RuleSubject;

/** The ordered vocabularies: comparing with `<` follows these. */
const ordered = { classification: classifications, trust: trustLevels } as const;
type OrderedType = keyof typeof ordered;
type ValueType = 'boolean' | 'string' | 'number' | OrderedType;

/** A value at run time; undefined is "unset" (an absent property), which is false and equal to nothing. */
type Value = boolean | string | number | undefined;

interface Compiled {
  readonly type: ValueType;
  readonly run: (subject: WhenSubject, facts: ModelFacts) => Value;
}

/** A bare word not (yet) known as a property: an enum value once the other side of a comparison gives its type. */
interface Word {
  readonly word: string;
  readonly expression: Expression;
}

/** The result of checking a `when`: a predicate when it is sound, the problems otherwise. */
export interface CheckedWhen {
  readonly predicate: ((subject: WhenSubject, facts: ModelFacts) => boolean) | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

const functionNames = ['holds', 'carries', 'handles', 'classification', 'crosses_boundary', 'enters_more_trusted', 'in_boundary', 'tagged'];

/** Properties that are not in the property schema but that every element or flow has. */
const intrinsic: Record<string, ValueType> = { trust: 'trust', kind: 'string', id: 'string', boundary: 'string' };

/** Type-checks a rule's `when` against the model (data, boundaries and tags it names must exist). */
export function checkWhen(expression: Expression, model: ThreatModel, uri: string): CheckedWhen {
  const diagnostics: Diagnostic[] = [];
  const fail = (at: Expression | { range: Expression['range'] }, message: string, suggestions?: readonly string[]): undefined => {
    diagnostics.push({ uri, range: at.range, severity: 'error', code: DiagnosticCode.expressionError, message, ...(suggestions?.length ? { suggestions } : {}) });
    return undefined;
  };
  const dataTags = new Set([...model.data.values()].flatMap((d) => d.tags));
  const elementTags = new Set([...model.elements.values()].flatMap((e) => e.tags).concat([...model.flows.values()].flatMap((f) => (Array.isArray(f.properties.get('tags')) ? (f.properties.get('tags') as string[]) : []))));

  const compile = (e: Expression): Compiled | Word | undefined => {
    switch (e.type) {
      case 'literal':
        return typeof e.value === 'boolean' ? constant('boolean', e.value) : typeof e.value === 'number' ? constant('number', e.value) : constant('string', e.value);
      case 'not': {
        const operand = asBoolean(e.operand);
        return operand && { type: 'boolean', run: (s, f) => !operand.run(s, f) };
      }
      case 'binary':
        return e.operator === 'and' || e.operator === 'or' ? logical(e.operator, e.left, e.right) : comparison(e);
      case 'path':
        return path(e);
      case 'call':
        return call(e);
    }
  };

  const asBoolean = (e: Expression): Compiled | undefined => {
    const c = compile(e);
    if (!c) return undefined;
    if ('word' in c) return fail(e, unknownPropertyMessage(c.word), suggestNames(c.word, knownProperties()));
    if (c.type !== 'boolean') return fail(e, `expected a condition (true or false), but this is a ${c.type}; compare it with \`==\``);
    return c;
  };

  const logical = (operator: 'and' | 'or', left: Expression, right: Expression): Compiled | undefined => {
    const l = asBoolean(left);
    const r = asBoolean(right);
    if (!l || !r) return undefined;
    return operator === 'and' ? { type: 'boolean', run: (s, f) => l.run(s, f) === true && r.run(s, f) === true } : { type: 'boolean', run: (s, f) => l.run(s, f) === true || r.run(s, f) === true };
  };

  const comparison = (e: Extract<Expression, { type: 'binary' }>): Compiled | undefined => {
    let l = compile(e.left);
    let r = compile(e.right);
    if (!l || !r) return undefined;
    // A bare word takes the type of the other side: `trust == untrusted`, `classification() >= confidential`.
    if ('word' in l && 'word' in r) return fail(e.left, unknownPropertyMessage(l.word), suggestNames(l.word, knownProperties()));
    if ('word' in l) l = enumValue(l, (r as Compiled).type);
    else if ('word' in r) r = enumValue(r, l.type);
    if (!l || !r) return undefined;
    const left = l as Compiled;
    const right = r as Compiled;
    if (left.type !== right.type) return fail(e, `cannot compare a ${left.type} with a ${right.type}`);
    const op = e.operator;
    if (op === '==') return { type: 'boolean', run: (s, f) => equalSet(left.run(s, f), right.run(s, f)) };
    if (op === '!=') return { type: 'boolean', run: (s, f) => !equalSet(left.run(s, f), right.run(s, f)) };
    if (left.type === 'boolean' || left.type === 'string') return fail(e, `${quote(op)} compares numbers, classifications or trust levels, not a ${left.type}`);
    const order = left.type === 'number' ? undefined : ordered[left.type];
    const key = (v: Value): number | undefined => (v === undefined ? undefined : order ? rank(order, v as never) : (v as number));
    const test = orderings[op as keyof typeof orderings];
    return {
      type: 'boolean',
      run: (s, f) => {
        const a = key(left.run(s, f));
        const b = key(right.run(s, f));
        return a !== undefined && b !== undefined && test(a, b);
      },
    };
  };

  const enumValue = (w: Word, type: ValueType): Compiled | undefined => {
    if (type === 'classification' || type === 'trust') {
      const values: readonly string[] = ordered[type];
      if (values.includes(w.word)) return constant(type, w.word);
      return fail(w.expression, `${quote(w.word)} is not a ${type}: expected one of ${values.join(', ')}`, suggestNames(w.word, values));
    }
    return fail(w.expression, unknownPropertyMessage(w.word), suggestNames(w.word, knownProperties()));
  };

  const path = (e: Extract<Expression, { type: 'path' }>): Compiled | Word | undefined => {
    const names = e.segments.map((s) => s.text);
    if (names.length === 1) return property(names[0]!, (s) => subjectValue(s)) ?? { word: names[0]!, expression: e };
    if (names.length === 2 && (names[0] === 'source' || names[0] === 'target')) {
      const end = names[0];
      const read = (s: WhenSubject, f: ModelFacts): Element | undefined => (s.kind === 'flow' ? f.element(end === 'source' ? s.direction.source : s.direction.target) : undefined);
      const c = property(names[1]!, (s, f) => {
        const element = read(s, f);
        return element && { kind: 'element', element };
      });
      return c ?? fail(e, `unknown property ${quote(names[1]!)} of the flow's ${end}${didYouMean(suggestNames(names[1]!, knownProperties()))}`, suggestNames(names[1]!, knownProperties()));
    }
    return fail(e, `${quote(names.join('.'))} is not a property: use a property name, or \`source.PROP\` / \`target.PROP\` on flows`);
  };

  const call = (e: Extract<Expression, { type: 'call' }>): Compiled | undefined => {
    const name = e.callee.text;
    if (!functionNames.includes(name)) {
      const suggestions = suggestNames(name, functionNames);
      return fail(e.callee, `unknown function ${quote(name)}${didYouMean(suggestions)}; the functions are ${functionNames.join(', ')}`, suggestions);
    }
    const noArgs = ['classification', 'crosses_boundary', 'enters_more_trusted'].includes(name);
    if (noArgs && e.args.length !== 0) return fail(e, `\`${name}()\` takes no argument`);
    if (!noArgs && e.args.length !== 1) return fail(e, `${quote(name)} takes one argument: \`${name}(${name === 'in_boundary' ? 'BOUNDARY' : name === 'tagged' ? 'TAG' : 'DATA'})\``);
    const argument = e.args[0];
    let word: string | undefined;
    if (argument) {
      if (argument.type === 'path' && argument.segments.length === 1) word = argument.segments[0]!.text;
      else if (argument.type === 'literal' && typeof argument.value === 'string') word = argument.value;
      else return fail(argument, `${quote(name)} takes a name, e.g. \`${name}(phi)\``);
    }
    switch (name) {
      case 'classification':
        return { type: 'classification', run: (s, f) => f.classificationOf(dataOf(s)) };
      case 'crosses_boundary':
        return { type: 'boolean', run: (s, f) => s.kind === 'flow' && f.crossesBoundary(s.direction) };
      case 'enters_more_trusted':
        return { type: 'boolean', run: (s, f) => s.kind === 'flow' && f.entersMoreTrusted(s.direction) };
      case 'in_boundary': {
        if (!model.boundaries.has(word!)) return fail(argument!, `unknown boundary ${quote(word!)}${didYouMean(suggestNames(word!, model.boundaries.keys()))}`, suggestNames(word!, model.boundaries.keys()));
        const inside = (f: ModelFacts, id: string): boolean => f.element(id).boundaryPath.includes(word!);
        return { type: 'boolean', run: (s, f) => (s.kind === 'element' ? s.element.boundaryPath.includes(word!) : inside(f, s.direction.source) || inside(f, s.direction.target)) };
      }
      case 'tagged': {
        if (!elementTags.has(word!)) return fail(argument!, `no element or flow is tagged ${quote(word!)}${didYouMean(suggestNames(word!, elementTags))}`, suggestNames(word!, elementTags));
        return { type: 'boolean', run: (s) => tagsOf(s).includes(word!) };
      }
      default: {
        // holds / handles / carries name a data asset, or a tag that data assets carry (`phi`, `pci`).
        if (!model.data.has(word!) && !dataTags.has(word!)) {
          const candidates = [...model.data.keys(), ...dataTags];
          return fail(argument!, `unknown data asset or data tag ${quote(word!)}${didYouMean(suggestNames(word!, candidates))}`, suggestNames(word!, candidates));
        }
        const matches = (ids: readonly string[]): boolean => ids.some((id) => id === word || model.data.get(id)?.tags.includes(word!));
        if (name === 'holds') return { type: 'boolean', run: (s) => s.kind === 'element' && matches(s.element.holds) };
        if (name === 'handles') return { type: 'boolean', run: (s) => s.kind === 'element' && matches(s.element.handles) };
        return { type: 'boolean', run: (s) => s.kind === 'flow' && matches(s.flow.data) };
      }
    }
  };

  const predicate = asBoolean(expression);
  return { predicate: predicate && diagnostics.length === 0 ? (s, f) => predicate.run(s, f) === true : undefined, diagnostics };
}

const orderings = { '<': (a: number, b: number) => a < b, '>': (a: number, b: number) => a > b, '<=': (a: number, b: number) => a <= b, '>=': (a: number, b: number) => a >= b };

function constant(type: ValueType, value: Value): Compiled {
  return { type, run: () => value };
}

/** `==` on unset values: unset equals nothing, so `tech != "redis"` holds when no tech is written. */
function equalSet(a: Value, b: Value): boolean {
  return a !== undefined && b !== undefined && a === b;
}

function unknownPropertyMessage(word: string): string {
  return `unknown property ${quote(word)}${didYouMean(suggestNames(word, knownProperties()))}`;
}

let known: string[] | undefined;
function knownProperties(): string[] {
  known ??= ['authenticates', 'authorizes', 'validates_input', 'sanitizes_output', 'logs', 'privileged', 'rate_limited', 'encrypted', 'backups', 'authenticated', 'tech', 'protocol', 'owner', 'description', ...Object.keys(intrinsic)];
  return known;
}

/** The element or flow a property is read from. */
type Holder = { kind: 'element'; element: Element } | { kind: 'flow'; flow: DataFlow };

function subjectValue(s: WhenSubject): Holder {
  return s.kind === 'element' ? { kind: 'element', element: s.element } : { kind: 'flow', flow: s.flow };
}

/** A named property of the holder: schema properties (booleans, strings) and the intrinsic ones. */
function property(name: string, holder: (s: WhenSubject, f: ModelFacts) => Holder | undefined): Compiled | undefined {
  const type = intrinsic[name] ?? schemaType(name);
  if (!type) return undefined;
  return {
    type,
    run: (s, f) => {
      const h = holder(s, f);
      if (!h) return undefined;
      if (h.kind === 'element') {
        const e = h.element;
        if (name === 'trust') return e.trust;
        if (name === 'kind') return e.kind;
        if (name === 'id') return e.id;
        if (name === 'boundary') return e.boundary;
        if (name === 'tech') return e.tech;
        const v = e.properties.get(name);
        return type === 'boolean' ? v === true : typeof v === 'string' ? v : undefined;
      }
      const flow = h.flow;
      if (name === 'kind') return 'flow';
      if (name === 'id') return flow.id;
      if (name === 'encrypted') return flow.encrypted === true;
      if (name === 'authenticated') return flow.authenticated === true;
      if (name === 'protocol') return flow.protocol;
      const v = flow.properties.get(name);
      return type === 'boolean' ? v === true : typeof v === 'string' ? v : undefined;
    },
  };
}

function schemaType(name: string): ValueType | undefined {
  const spec = propertySpec(name);
  if (!spec) return undefined;
  return spec.type.kind === 'boolean' ? 'boolean' : spec.type.kind === 'string' ? 'string' : undefined;
}

/** The data a subject involves: held and handled by an element, carried by a flow. */
function dataOf(s: WhenSubject): readonly string[] {
  return s.kind === 'element' ? [...s.element.holds, ...s.element.handles] : s.flow.data;
}

function tagsOf(s: WhenSubject): readonly string[] {
  if (s.kind === 'element') return s.element.tags;
  const tags = s.flow.properties.get('tags');
  return Array.isArray(tags) ? tags : [];
}
