import type { Diagnostic } from '../diagnostic';
import { movedPart, MovedRun, referencesWithRole } from '../model/link-memo';
import type { DataFlow, Element, PropertyValue, SourceLocation, SymbolReference, ThreatModel, TrustBoundary } from '../model/threat-model';
import type { Range } from '../text/range';
import { sameStrings } from '../text/same-strings';
import { Evaluation, RaisedFindings, RuleOptions, settleFindings } from './engine';
import type { Finding } from './finding';

/**
 * The evaluation of a model from the evaluation of the one before it, as far as an edit left
 * what the rules read as it was but for where things are written (a comment, a reference still
 * being typed, a flow to an element not declared yet, lines added above). Then the rules raise
 * the same findings, pointing at the new model's declarations and positions; if the threats and
 * responses are also unchanged, so is the result, else only they are applied again (a new
 * `threat`, or a `mitigate` from a quick fix, runs no rule). Undefined when anything else differs,
 * or when something the evaluation points at cannot be found in the new model: then the rules
 * must run. `options` must be the options of the previous evaluation.
 */
export function reuseEvaluation(previous: ThreatModel, evaluation: Evaluation, model: ThreatModel, options: RuleOptions): Evaluation | undefined {
  const { raised, result } = evaluation;
  // What the evaluation points at in the previous model; each is swapped for its counterpart in the new one.
  const raisedPointers = new Set<object>();
  pointersOf(raised.findings, raised.diagnostics, raisedPointers);
  // The result adds the threats' findings, the responses, and the problems with responses, after what was raised.
  const resultPointers = new Set<object>();
  pointersOf(result.findings.slice(raised.findings.length), result.diagnostics.slice(raised.diagnostics.length), resultPointers);
  for (const f of result.findings) if (f.response) resultPointers.add(f.response);
  const match = new ModelMatch(new Set([...raisedPointers, ...resultPointers]));
  // The linker moved the declarations after a mid-file edit down from the previous model: from where it says on, each object is the one before or a copy alike but for its location.
  const part = movedPart(model);
  const moved = part?.from === previous ? part : undefined;
  // The small parts first: an edit that changes one of them costs no walk through the elements.
  const sameForRules =
    match.same(previous.info, model.info) &&
    match.same(previous.data, model.data) &&
    match.same(previous.rules, model.rules) &&
    match.same(ruleIdReferences(previous), ruleIdReferences(model)) &&
    match.sameEach(previous.boundaries, model.boundaries, (a, b, i) => match.sameBoundary(a, b, isMoved(moved?.boundaries, i))) &&
    match.sameEach(previous.elements, model.elements, (a, b, i) => match.sameElement(a, b, isMoved(moved?.elements, i))) &&
    // The flows' directions follow from the flows, in their order.
    match.sameEach(previous.flows, model.flows, (a, b, i) => match.sameFlow(a, b, isMoved(moved?.flows, i)));
  if (!sameForRules || !everyFound(raisedPointers, match)) return undefined;
  const to = <T extends object>(old: T): T => match.counterparts.get(old) as T;
  // What points at declarations the linker kept (the same objects in both models) stays as it is.
  const moveFinding = (f: Finding): Finding => {
    const location = to(f.location);
    const response = f.response && to(f.response);
    return location === f.location && response === f.response ? f : f.movedTo(location, response);
  };
  const moveDiagnostic = (d: Diagnostic): Diagnostic => {
    const range = to(d.range);
    if (range === d.range && (d.related === undefined || d.related.every((r) => to(r.range) === r.range))) return d;
    return { ...d, range, ...(d.related ? { related: d.related.map((r) => ({ ...r, range: to(r.range) })) } : {}) };
  };
  const movedRaised: RaisedFindings = { findings: raised.findings.map(moveFinding), diagnostics: raised.diagnostics.map(moveDiagnostic) };
  const sameAnswers = match.same(previous.threats, model.threats) && match.same(previous.responses, model.responses) && everyFound(resultPointers, match);
  if (!sameAnswers) return { raised: movedRaised, result: settleFindings(model, movedRaised, options) };
  // The result begins with what was raised, each finding as it was or a copy with its status: moved once, shared again.
  return {
    raised: movedRaised,
    result: {
      findings: result.findings.map((f, i) => (f === raised.findings[i] ? movedRaised.findings[i] : moveFinding(f))),
      diagnostics: result.diagnostics.map((d, i) => (i < movedRaised.diagnostics.length ? movedRaised.diagnostics[i] : moveDiagnostic(d))),
    },
  };
}

/** Adds the locations of findings and the ranges of diagnostics to `into`. */
function pointersOf(findings: readonly Finding[], diagnostics: readonly Diagnostic[], into: Set<object>): void {
  for (const f of findings) into.add(f.location);
  for (const d of diagnostics) {
    into.add(d.range);
    for (const r of d.related ?? []) into.add(r.range);
  }
}

/** Whether the i-th object of a map (compared with the i-th of the previous model's) is one the linker moved from there. */
function isMoved(run: MovedRun | undefined, i: number): boolean {
  return run !== undefined && run.start === run.fromStart && i >= run.start;
}

function everyFound(pointers: ReadonlySet<object>, match: ModelMatch): boolean {
  for (const p of pointers) if (!match.counterparts.has(p)) return false;
  return true;
}

/** The `rules_off` entries: the only references the rules read (the others are the linker's, and stay to be copied where it moved them). */
function ruleIdReferences(model: ThreatModel): SymbolReference[] {
  return referencesWithRole(model, 'rule-id');
}

/**
 * Walks two models' plain data side by side (scalars, arrays, maps in order, plain objects), taking
 * any two ranges as alike and locations as alike when in the same file, and notes the new
 * counterpart of each old object asked for.
 */
class ModelMatch {
  /** Old object -> the new object in its place. */
  readonly counterparts = new Map<object, object>();

  constructor(private readonly wanted: ReadonlySet<object>) {}

  /** Whether two values are equal but for positions. */
  same(a: unknown, b: unknown): boolean {
    if (a === b) {
      if (typeof a === 'object' && a !== null && this.wanted.size > 0) this.keepShared(a);
      return true;
    }
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (this.wanted.has(a)) this.counterparts.set(a, b);
    // Ranges and locations are most of a model's objects: taken whole, with no walk through their positions.
    if (isRange(a)) return isRange(b);
    if (isLocation(a)) return isLocation(b) && this.sameLocation(a, b);
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!this.same(a[i], b[i])) return false;
      return true;
    }
    if (a instanceof Map) return b instanceof Map && this.sameEach(a, b, (x, y) => this.same(x, y));
    if (Array.isArray(b) || b instanceof Map) return false;
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    for (const key in x) if (!this.same(x[key], y[key]) || (y[key] === undefined && !(key in y))) return false;
    for (const key in y) if (!(key in x)) return false;
    return true;
  }

  /** An object both models share (the linker kept it): what is wanted inside it is its own counterpart. */
  private keepShared(value: object): void {
    if (this.wanted.has(value)) this.counterparts.set(value, value);
    if (value instanceof Map) value.forEach((item) => typeof item === 'object' && item !== null && this.keepShared(item));
    else if (Array.isArray(value)) for (const item of value) typeof item === 'object' && item !== null && this.keepShared(item);
    else for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) this.keepShared(item);
    }
  }

  /** Two maps with the same keys in the same order, their values (the i-th of each) alike by `same`. */
  sameEach<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>, same: (x: V, y: V, i: number) => boolean): boolean {
    if (a.size !== b.size) return false;
    const otherKeys = b.keys();
    for (const key of a.keys()) if (otherKeys.next().value !== key) return false;
    // `forEach` hands out each entry with no array made for it; after a difference the rest is skipped cheaply.
    let alike = true;
    let i = 0;
    a.forEach((value, key) => {
      if (alike && !same(value, b.get(key)!, i)) alike = false;
      i++;
    });
    return alike;
  }

  // Elements, flows and boundaries are most of a large model: compared field by field, several times
  // faster than a walk over their keys. A test changes each field of each in turn and expects a difference.

  /** `moved`: the linker says `b` is `a` or a copy of it moved down (lines added or removed above). */
  sameElement(a: Element, b: Element, moved = false): boolean {
    // Kept or moved by the linker: alike but for its location, which can be pointed at.
    if (a === b || moved) return this.sameLocation(a.location, b.location);
    return (
      a.id === b.id &&
      a.kind === b.kind &&
      a.label === b.label &&
      a.boundary === b.boundary &&
      a.trust === b.trust &&
      a.tech === b.tech &&
      a.description === b.description &&
      sameStrings(a.boundaryPath, b.boundaryPath) &&
      sameStrings(a.tags, b.tags) &&
      sameStrings(a.code, b.code) &&
      sameStrings(a.holds, b.holds) &&
      sameStrings(a.handles, b.handles) &&
      sameProperties(a.properties, b.properties) &&
      this.sameLocation(a.location, b.location)
    );
  }

  sameFlow(a: DataFlow, b: DataFlow, moved = false): boolean {
    if (a === b || moved) return this.sameLocation(a.location, b.location);
    return (
      a.id === b.id &&
      a.generatedId === b.generatedId &&
      a.source === b.source &&
      a.target === b.target &&
      a.twoWay === b.twoWay &&
      a.label === b.label &&
      a.protocol === b.protocol &&
      a.encrypted === b.encrypted &&
      a.encryptionInferred === b.encryptionInferred &&
      a.authenticated === b.authenticated &&
      sameStrings(a.data, b.data) &&
      sameProperties(a.properties, b.properties) &&
      this.sameLocation(a.location, b.location)
    );
  }

  sameBoundary(a: TrustBoundary, b: TrustBoundary, moved = false): boolean {
    if (a === b || moved) return this.sameLocation(a.location, b.location);
    return (
      a.id === b.id &&
      a.label === b.label &&
      a.parent === b.parent &&
      a.trust === b.trust &&
      a.trustDeclared === b.trustDeclared &&
      sameStrings(a.boundaryPath, b.boundaryPath) &&
      sameStrings(a.elements, b.elements) &&
      sameStrings(a.boundaries, b.boundaries) &&
      sameProperties(a.properties, b.properties) &&
      this.sameLocation(a.location, b.location)
    );
  }

  /** Locations in the same file are alike wherever they are; each, with its ranges, is noted when wanted. */
  sameLocation(a: SourceLocation, b: SourceLocation): boolean {
    if (a.uri !== b.uri) return false;
    if (this.wanted.has(a)) this.counterparts.set(a, b);
    if (this.wanted.has(a.range)) this.counterparts.set(a.range, b.range);
    if (this.wanted.has(a.nameRange)) this.counterparts.set(a.nameRange, b.nameRange);
    return true;
  }
}

/** Declared properties, in written order: scalars or lists of strings. */
function sameProperties(a: ReadonlyMap<string, PropertyValue>, b: ReadonlyMap<string, PropertyValue>): boolean {
  if (a.size !== b.size) return false;
  const otherKeys = b.keys();
  let alike = true;
  a.forEach((value, key) => {
    if (!alike) return;
    const other = b.get(key);
    if (otherKeys.next().value !== key || (value !== other && !(Array.isArray(value) && Array.isArray(other) && sameStrings(value, other)))) alike = false;
  });
  return alike;
}

function isRange(value: object): value is Range {
  const range = value as Partial<Range>;
  return typeof range.start?.line === 'number' && typeof range.end?.line === 'number';
}

function isLocation(value: object): value is SourceLocation {
  const location = value as Partial<SourceLocation>;
  return typeof location.uri === 'string' && location.range !== undefined && location.nameRange !== undefined;
}
