import { checkObservation, InconsistentObservationsError, type Observation, type PairPosterior } from './observations';
import { UnionFind } from './union-find';

export interface EquivalencePosteriorOptions {
  /** refuse (RangeError) when one layer of the counting DP would hold more states. Default 2,000,000. */
  maxStates?: number;
}

/** Bit marking the class of the component whose pair probabilities a marker pass computes. */
const MARK = 1 << 30;
const MAX_SLOTS = 30;

/**
 * Exact posterior of an equivalence relation with known class sizes (the family of `mod k`
 * relabelled uniformly at random), given observed pairs (science.md A2.2, App. D).
 *
 * Closure: positive pairs are merged by union-find into components (reflexivity, symmetry,
 * transitivity); a negative pair forbids its two components from sharing a class ("different"
 * constraints, closed under the merging). Every consistent relation is an assignment of the
 * components to the classes with the right sizes respecting the constraints, all equally
 * likely, so P(x ~ y) = #(assignments with x, y together) / #(assignments).
 *
 * Counting: a dynamic programme over the components in an order that keeps the "frontier"
 * (processed components still constrained against unprocessed ones) small. A state holds,
 * per class, the remaining capacity and which frontier components it holds; classes are
 * interchangeable for the rest of the count, so states are kept up to relabelling of classes
 * (sorted), with the number of labelled choices as multiplicity. A backward pass gives the
 * number of completions of every state; for pair probabilities, a forward pass from component
 * i that marks i's class yields, for every later j, the count with j in i's class as
 * Σ forward(marked state) · completions(unmarked successor). Twin components (same size, same
 * constraints) share one marked pass. Classes are counted as labelled; the ratio is the same as
 * for unlabelled partitions because every partition has the same number of labellings.
 */
export function equivalencePosterior(
  classSizes: readonly number[],
  observations: readonly Observation[],
  options: EquivalencePosteriorOptions = {},
): PairPosterior {
  const maxStates = options.maxStates ?? 2_000_000;
  for (const s of classSizes) if (!(Number.isSafeInteger(s) && s >= 1)) throw new RangeError(`class sizes must be positive integers, got ${s}`);
  const n = classSizes.reduce((a, b) => a + b, 0);
  if (n > 0xffff) throw new RangeError(`equivalence posterior supports n ≤ 65535, got ${n}`);
  for (const o of observations) checkObservation(n, o);

  const uf = new UnionFind(n);
  for (const o of observations) {
    if (o.x === o.y && o.label === 0) throw new InconsistentObservationsError(`(${o.x}, ${o.x}) observed unrelated in an equivalence relation`);
    if (o.label === 1) uf.union(o.x, o.y);
  }
  const compOf = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  for (let x = 0; x < n; x++) {
    const root = uf.find(x);
    if (compOf[root] < 0) {
      compOf[root] = sizes.length;
      sizes.push(0);
    }
    compOf[x] = compOf[root];
    sizes[compOf[x]]++;
  }
  const r = sizes.length;
  const conflict = new Uint8Array(r * r);
  for (const o of observations) {
    if (o.label === 1) continue;
    const a = compOf[o.x];
    const b = compOf[o.y];
    if (a === b) throw new InconsistentObservationsError(`(${o.x}, ${o.y}) observed unrelated but forced related by transitivity`);
    conflict[a * r + b] = 1;
    conflict[b * r + a] = 1;
  }

  const counter = new AssignmentCounter(classSizes, sizes, conflict, maxStates);
  const same = counter.sameClassProbabilities();

  const probability = new Float64Array(n * n);
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      const a = compOf[x];
      const b = compOf[y];
      probability[x * n + y] = a === b ? 1 : conflict[a * r + b] ? 0 : same[a * r + b];
    }
  }
  return { n, probability, consistent: counter.total };
}

interface Layer {
  keys: Map<string, number>;
  states: Int32Array[];
  forward: number[];
  completions: Float64Array;
}

/** Counts assignments of components to capacitated classes with "different" constraints. */
class AssignmentCounter {
  readonly total: number;
  private readonly k: number;
  private readonly r: number;
  private readonly order: number[];
  private readonly position: Int32Array;
  private readonly releaseMask: Int32Array;
  private readonly conflictMask: Int32Array;
  private readonly slotBit: Int32Array;
  private readonly layers: Layer[] = [];

  constructor(
    classSizes: readonly number[],
    private readonly sizes: readonly number[],
    private readonly conflict: Uint8Array,
    private readonly maxStates: number,
  ) {
    this.k = classSizes.length;
    this.r = sizes.length;
    this.order = frontierOrder(this.r, conflict, classSizes.length);
    this.position = new Int32Array(this.r);
    this.order.forEach((v, t) => (this.position[v] = t));
    [this.releaseMask, this.conflictMask, this.slotBit] = this.allocateSlots();

    const initial = new Int32Array(2 * this.k);
    classSizes.forEach((s, c) => (initial[2 * c] = s));
    canonicalize(initial);
    this.layers.push(newLayer());
    addState(this.layers[0], initial, 1);
    for (let t = 0; t < this.r; t++) {
      const next = newLayer();
      const layer = this.layers[t];
      for (let s = 0; s < layer.states.length; s++) {
        const weight = layer.forward[s];
        this.expand(layer.states[s], t, -1, (state, mult) => addState(next, state, weight * mult));
      }
      if (next.states.length > this.maxStates) {
        throw new RangeError(`equivalence posterior: more than ${this.maxStates} counting states; the observations are too weakly constraining for exact counting`);
      }
      this.layers.push(next);
    }
    const last = this.layers[this.r];
    last.completions = new Float64Array(last.states.length).fill(1);
    for (let t = this.r - 1; t >= 0; t--) {
      const layer = this.layers[t];
      const next = this.layers[t + 1];
      layer.completions = new Float64Array(layer.states.length);
      for (let s = 0; s < layer.states.length; s++) {
        let c = 0;
        this.expand(layer.states[s], t, -1, (state, mult) => {
          c += mult * next.completions[next.keys.get(keyOf(state))!];
        });
        layer.completions[s] = c;
      }
    }
    this.total = this.layers[0].completions[0];
    if (!(this.total > 0)) throw new InconsistentObservationsError('no assignment of the observed classes fits the class sizes');
  }

  /** P(components a and b share a class), r×r (diagonal and conflicting pairs left 0). */
  sameClassProbabilities(): Float64Array {
    const { r, order, position } = this;
    const same = new Float64Array(r * r);
    const twinOf = this.twinRepresentatives();
    for (let t = 0; t < r - 1; t++) {
      const i = order[t];
      if (twinOf[i] !== i) continue;
      const counts = this.markedPass(t);
      for (let u = t + 1; u < r; u++) same[i * r + order[u]] = counts[u] / this.total;
    }
    // Pairs (a, b), a before b: a's twin representative stands in for a (swapping twins is a symmetry).
    for (let a = 0; a < r; a++) {
      for (let b = 0; b < r; b++) {
        if (a === b || position[a] > position[b]) continue;
        const p = same[twinOf[a] * r + b];
        same[a * r + b] = p;
        same[b * r + a] = p;
      }
    }
    return same;
  }

  /** Forward pass marking the class of order[t0]; returns, per later time u, the count with order[u] in it. */
  private markedPass(t0: number): Float64Array {
    const counts = new Float64Array(this.r);
    let layer = this.layers[t0];
    let states = layer.states;
    let weights = layer.forward;
    for (let t = t0; t < this.r; t++) {
      const next = newLayer();
      const after = this.layers[t + 1];
      for (let s = 0; s < states.length; s++) {
        const w = weights[s];
        this.expand(states[s], t, t0, (state, mult, joinedMarked) => {
          if (t > t0 && joinedMarked) {
            const unmarked = state.slice();
            for (let c = 0; c < this.k; c++) unmarked[2 * c + 1] &= ~MARK;
            canonicalize(unmarked);
            counts[t] += w * mult * after.completions[after.keys.get(keyOf(unmarked))!];
          }
          addState(next, state, w * mult);
        });
      }
      if (next.states.length > this.maxStates) {
        throw new RangeError(`equivalence posterior: more than ${this.maxStates} counting states in a marked pass`);
      }
      states = next.states;
      weights = next.forward;
      layer = next;
    }
    return counts;
  }

  /**
   * Calls visit for each distinct successor of `state` when order[t] is assigned a class, with
   * the number of labelled classes leading to it. `markedAt` ≥ 0: the component processed at
   * that time carries the MARK bit into its class.
   */
  private expand(
    state: Int32Array,
    t: number,
    markedAt: number,
    visit: (state: Int32Array, mult: number, joinedMarked: boolean) => void,
  ): void {
    const k = this.k;
    const v = this.order[t];
    const w = this.sizes[v];
    const release = ~this.releaseMask[t];
    const base = state.slice();
    for (let c = 0; c < k; c++) base[2 * c + 1] &= release;
    canonicalize(base);
    const add = this.slotBit[t] | (markedAt === t ? MARK : 0);
    const cm = this.conflictMask[t];
    for (let c = 0; c < k; c++) {
      const cap = base[2 * c];
      const mask = base[2 * c + 1];
      if (cap < w || (mask & cm) !== 0) continue;
      if (c > 0 && base[2 * c - 2] === cap && base[2 * c - 1] === mask) continue;
      let mult = 1;
      while (c + mult < k && base[2 * (c + mult)] === cap && base[2 * (c + mult) + 1] === mask) mult++;
      const next = base.slice();
      next[2 * c] = cap - w;
      next[2 * c + 1] = mask | add;
      canonicalize(next);
      visit(next, mult, (mask & MARK) !== 0);
    }
  }

  /** Frontier slots: released when a component's last constrained partner is processed. */
  private allocateSlots(): [Int32Array, Int32Array, Int32Array] {
    const { r, order, position, conflict } = this;
    const release = new Int32Array(r);
    const conflictMask = new Int32Array(r);
    const slotBit = new Int32Array(r);
    const lastNeed = new Int32Array(r);
    for (let v = 0; v < r; v++) {
      let last = -1;
      for (let u = 0; u < r; u++) if (conflict[v * r + u]) last = Math.max(last, position[u]);
      lastNeed[v] = last;
    }
    const slot = new Int32Array(r).fill(-1);
    const free: number[] = [];
    let used = 0;
    for (let t = 0; t < r; t++) {
      for (let s = 0; s < t; s++) {
        const u = order[s];
        if (slot[u] >= 0 && lastNeed[u] < t) {
          release[t] |= 1 << slot[u];
          free.push(slot[u]);
          slot[u] = -1;
        }
      }
      const v = order[t];
      for (let s = 0; s < t; s++) {
        const u = order[s];
        if (conflict[v * r + u]) conflictMask[t] |= 1 << slot[u];
      }
      if (lastNeed[v] > t) {
        const sl = free.length > 0 ? free.pop()! : used++;
        if (sl >= MAX_SLOTS) throw new RangeError('equivalence posterior: more than 30 constrained components on the frontier');
        slot[v] = sl;
        slotBit[t] = 1 << sl;
      }
    }
    return [release, conflictMask, slotBit];
  }

  /** twinOf[v]: the earliest component (in processing order) with v's size and constraints, not constrained against v. */
  private twinRepresentatives(): Int32Array {
    const { r, order, conflict, sizes } = this;
    const twinOf = new Int32Array(r).fill(-1);
    const signature = (v: number) => `${sizes[v]}:${Array.from(conflict.subarray(v * r, v * r + r)).join('')}`;
    const first = new Map<string, number>();
    for (const v of order) {
      const sig = signature(v);
      const rep = first.get(sig);
      if (rep === undefined) {
        first.set(sig, v);
        twinOf[v] = v;
      } else {
        twinOf[v] = rep;
      }
    }
    return twinOf;
  }
}

function newLayer(): Layer {
  return { keys: new Map(), states: [], forward: [], completions: new Float64Array(0) };
}

function addState(layer: Layer, state: Int32Array, weight: number): void {
  const key = keyOf(state);
  const index = layer.keys.get(key);
  if (index === undefined) {
    layer.keys.set(key, layer.states.length);
    layer.states.push(state);
    layer.forward.push(weight);
  } else {
    layer.forward[index] += weight;
  }
}

/** Sorts the (capacity, mask) pairs: states equal up to relabelling of classes get one form. */
function canonicalize(state: Int32Array): void {
  const k = state.length / 2;
  for (let i = 1; i < k; i++) {
    const cap = state[2 * i];
    const mask = state[2 * i + 1];
    let j = i - 1;
    while (j >= 0 && (state[2 * j] > cap || (state[2 * j] === cap && state[2 * j + 1] > mask))) {
      state[2 * j + 2] = state[2 * j];
      state[2 * j + 3] = state[2 * j + 1];
      j--;
    }
    state[2 * j + 2] = cap;
    state[2 * j + 3] = mask;
  }
}

function keyOf(state: Int32Array): string {
  const codes: number[] = [];
  for (let i = 0; i < state.length; i += 2) codes.push(state[i], state[i + 1] & 0xffff, state[i + 1] >>> 16);
  return String.fromCharCode(...codes);
}

/**
 * A processing order with a small frontier: from each starting component, greedily add the
 * component that leaves the fewest constrained components on the frontier (ties: most
 * constraints to processed ones); unconstrained components go last. Keeps the order whose
 * Σ_t k^{frontier(t)} (a proxy for the state count) is smallest.
 */
function frontierOrder(r: number, conflict: Uint8Array, k: number): number[] {
  const degree = new Int32Array(r);
  for (let v = 0; v < r; v++) for (let u = 0; u < r; u++) degree[v] += conflict[v * r + u];
  const constrained: number[] = [];
  const free: number[] = [];
  for (let v = 0; v < r; v++) (degree[v] > 0 ? constrained : free).push(v);
  if (constrained.length === 0) return free;

  let best: number[] = [];
  let bestCost = Infinity;
  const starts = constrained.slice().sort((a, b) => degree[b] - degree[a]).slice(0, 24);
  for (const start of starts) {
    const done = new Uint8Array(r);
    const pending = new Int32Array(r); // unprocessed constrained partners left
    pending.set(degree);
    const order = [start];
    const take = (v: number) => {
      done[v] = 1;
      for (let u = 0; u < r; u++) if (conflict[v * r + u]) pending[u]--;
    };
    take(start);
    let frontier = degree[start] > 0 ? 1 : 0;
    let cost = k ** frontier;
    while (order.length < constrained.length) {
      let pick = -1;
      let pickFrontier = Infinity;
      let pickLinks = -1;
      for (const v of constrained) {
        if (done[v]) continue;
        // frontier after adding v: processed ones that still wait for a partner other than v, plus v if it waits.
        let f = frontier;
        let links = 0;
        for (let u = 0; u < r; u++) {
          if (!conflict[v * r + u]) continue;
          if (done[u]) {
            links++;
            if (pending[u] === 1) f--;
          }
        }
        if (degree[v] - links > 0) f++;
        if (f < pickFrontier || (f === pickFrontier && links > pickLinks)) {
          pick = v;
          pickFrontier = f;
          pickLinks = links;
        }
      }
      order.push(pick);
      take(pick);
      frontier = pickFrontier;
      cost += k ** frontier;
      if (cost >= bestCost) break;
    }
    if (order.length === constrained.length && cost < bestCost) {
      bestCost = cost;
      best = order;
    }
  }
  return [...best, ...free];
}
