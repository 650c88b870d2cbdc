import type { Digraph } from './digraph';

/**
 * An ordered partition of the vertices, nauty style: `lab` lists the vertices cell by cell,
 * `cellStart[p]` is the first position of the cell holding position p and `cellEnd[s]` is one
 * past the last position of the cell starting at s (valid at cell starts only).
 */
export class OrderedPartition {
  private constructor(
    readonly lab: Int32Array,
    readonly pos: Int32Array,
    readonly cellStart: Int32Array,
    readonly cellEnd: Int32Array,
    public cells: number,
  ) {}

  /** The unit partition refined by the self-loop colour: loop-free vertices first, then looped ones. */
  static byLoops(g: Digraph): OrderedPartition {
    const n = g.n;
    const lab = new Int32Array(n);
    let k = 0;
    for (let v = 0; v < n; v++) if (g.adj[v * n + v] === 0) lab[k++] = v;
    const split = k;
    for (let v = 0; v < n; v++) if (g.adj[v * n + v] === 1) lab[k++] = v;
    const pos = new Int32Array(n);
    for (let p = 0; p < n; p++) pos[lab[p]] = p;
    const cellStart = new Int32Array(n);
    const cellEnd = new Int32Array(n);
    let cells = 0;
    if (split > 0) {
      cellEnd[0] = split;
      cells++;
    }
    if (split < n) {
      for (let p = split; p < n; p++) cellStart[p] = split;
      cellEnd[split] = n;
      cells++;
    }
    return new OrderedPartition(lab, pos, cellStart, cellEnd, cells);
  }

  clone(): OrderedPartition {
    return new OrderedPartition(this.lab.slice(), this.pos.slice(), this.cellStart.slice(), this.cellEnd.slice(), this.cells);
  }

  get discrete(): boolean {
    return this.cells === this.lab.length;
  }

  /** The vertices of the cell starting at `start`. */
  cell(start: number): Int32Array {
    return this.lab.subarray(start, this.cellEnd[start]);
  }

  /** Moves v to the front of its cell and makes it a singleton; returns the singleton's start. */
  individualize(v: number): number {
    const p = this.pos[v];
    const s = this.cellStart[p];
    const e = this.cellEnd[s];
    if (e - s === 1) return s;
    const u = this.lab[s];
    this.lab[s] = v;
    this.pos[v] = s;
    this.lab[p] = u;
    this.pos[u] = p;
    this.cellEnd[s] = s + 1;
    this.cellEnd[s + 1] = e;
    for (let q = s + 1; q < e; q++) this.cellStart[q] = s + 1;
    this.cells++;
    return s;
  }
}

/**
 * Scratch space for `refine`, allocated once per search so that refinement allocates nothing
 * per call beyond its trace.
 */
export class RefineScratch {
  readonly outCount: Int32Array;
  readonly inCount: Int32Array;
  readonly touched: Uint8Array;
  readonly touchedList: Int32Array;
  readonly inQueue: Uint8Array;
  readonly queue: Int32Array;
  readonly key: Float64Array;
  readonly cellCount: Int32Array;
  readonly cellOffset: Int32Array;
  readonly bucket: Int32Array;
  readonly touchedCells: Int32Array;
  readonly runStart: Int32Array;
  readonly runEnd: Int32Array;
  readonly minKey: Float64Array;
  readonly maxKey: Float64Array;
  constructor(n: number) {
    this.outCount = new Int32Array(n);
    this.inCount = new Int32Array(n);
    this.touched = new Uint8Array(n);
    this.touchedList = new Int32Array(n);
    this.inQueue = new Uint8Array(n);
    // Each cell start enters the queue at most once per split, and there are < n splits.
    this.queue = new Int32Array(2 * n + 1);
    this.key = new Float64Array(n);
    this.cellCount = new Int32Array(n);
    this.cellOffset = new Int32Array(n);
    this.bucket = new Int32Array(n);
    this.touchedCells = new Int32Array(n);
    this.runStart = new Int32Array(n);
    this.runEnd = new Int32Array(n);
    this.minKey = new Float64Array(n);
    this.maxKey = new Float64Array(n);
  }
}

/**
 * A refinement trace: the sequence of splits (cell start, then key and size of every piece),
 * an isomorphism invariant of the refined node. `reference`, when given, is the trace of the
 * node being matched: refinement stops at the first difference, since a node whose trace
 * differs cannot be the image of the reference node under an automorphism.
 */
export class Trace {
  readonly values: number[] = [];
  constructor(private readonly reference?: readonly number[]) {}

  /** Appends a value; false when it departs from the reference. */
  push(x: number): boolean {
    const i = this.values.length;
    this.values.push(x);
    return this.reference === undefined || (i < this.reference.length && this.reference[i] === x);
  }

  /** True when the whole reference was matched. */
  complete(): boolean {
    return this.reference === undefined || this.values.length === this.reference.length;
  }
}

/**
 * Refines `p` in place to the coarsest equitable ordered partition finer than it, for digraphs:
 * two vertices stay together only if, for every cell W, they have as many out-neighbours and as
 * many in-neighbours in W. `splitters` are the starts of the cells to split with first (all
 * cells for the initial refinement, the new singleton after an individualization).
 *
 * Every choice depends only on cell positions and neighbour counts, so the result is
 * label-equivariant: refine(p^γ) = refine(p)^γ for any permutation γ — the property the
 * automorphism search relies on. Cells already used as splitters are re-queued Hopcroft style
 * (all pieces but the largest), which is sound because the partition was equitable with respect
 * to the whole cell. Returns false as soon as the trace departs from its reference.
 */
export function refine(g: Digraph, p: OrderedPartition, splitters: ArrayLike<number>, s: RefineScratch, trace: Trace): boolean {
  const state = { tail: 0 };
  try {
    return refineLoop(g, p, splitters, s, trace, state);
  } finally {
    // Cells left in the queue (early exit, or a discrete partition) must not look queued next time.
    for (let i = 0; i < state.tail; i++) s.inQueue[s.queue[i]] = 0;
  }
}

function refineLoop(
  g: Digraph,
  p: OrderedPartition,
  splitters: ArrayLike<number>,
  s: RefineScratch,
  trace: Trace,
  state: { tail: number },
): boolean {
  const n = g.n;
  const { outCount, inCount, touched, touchedList, inQueue, queue, key } = s;
  const { lab, pos, cellStart, cellEnd } = p;
  let head = 0;
  let tail = 0;
  const enqueue = (start: number) => {
    inQueue[start] = 1;
    queue[tail++] = start;
    state.tail = tail;
  };
  for (let i = 0; i < splitters.length; i++) enqueue(splitters[i]);

  while (head < tail && !p.discrete) {
    const w0 = queue[head++];
    inQueue[w0] = 0;
    const w1 = cellEnd[w0];
    let nt = 0;
    for (let q = w0; q < w1; q++) {
      const w = lab[q];
      for (const u of g.in[w]) {
        if (!touched[u]) {
          touched[u] = 1;
          touchedList[nt++] = u;
        }
        outCount[u]++;
      }
      for (const u of g.out[w]) {
        if (!touched[u]) {
          touched[u] = 1;
          touchedList[nt++] = u;
        }
        inCount[u]++;
      }
    }
    if (!trace.push(-1 - w0) || !trace.push(nt)) return reset(s, nt, false);
    const stride = n + 1;
    for (let i = 0; i < nt; i++) {
      const u = touchedList[i];
      key[u] = outCount[u] * stride + inCount[u];
    }
    // Bucket the touched vertices by cell; only cells that really split get sorted by key.
    const { cellCount, cellOffset, bucket, touchedCells, runStart, runEnd, minKey, maxKey } = s;
    let nc = 0;
    for (let i = 0; i < nt; i++) {
      const u = touchedList[i];
      const c = cellStart[pos[u]];
      if (cellCount[c] === 0) {
        touchedCells[nc++] = c;
        minKey[c] = key[u];
        maxKey[c] = key[u];
      } else if (key[u] < minKey[c]) minKey[c] = key[u];
      else if (key[u] > maxKey[c]) maxKey[c] = key[u];
      cellCount[c]++;
    }
    const cellsTouched = touchedCells.subarray(0, nc).sort();
    let offset = 0;
    for (let k = 0; k < nc; k++) {
      const c = cellsTouched[k];
      cellOffset[c] = offset;
      runStart[k] = offset;
      offset += cellCount[c];
      runEnd[k] = offset;
      cellCount[c] = 0;
    }
    for (let i = 0; i < nt; i++) {
      const u = touchedList[i];
      bucket[cellOffset[cellStart[pos[u]]]++] = u;
    }
    const byKey = (a: number, b: number) => key[a] - key[b];

    for (let k = 0; k < nc; k++) {
      const start = cellsTouched[k];
      const end = cellEnd[start];
      const size = end - start;
      const t = runEnd[k] - runStart[k];
      if (size > 1 && !(t === size && minKey[start] === maxKey[start])) {
        const list = bucket.subarray(runStart[k], runEnd[k]);
        if (minKey[start] !== maxKey[start]) list.sort(byKey);
        // Touched vertices go to the back of the cell in key order; the untouched (key 0) stay in
        // front. A swap only ever displaces a vertex not yet placed, so one pass suffices.
        const back = end - t;
        for (let m = 0; m < t; m++) {
          const v = list[m];
          const target = back + m;
          const other = lab[target];
          const from = pos[v];
          lab[from] = other;
          pos[other] = from;
          lab[target] = v;
          pos[v] = target;
        }
        if (!splitCell(p, start, end, back, key, trace, inQueue, enqueue)) return reset(s, nt, false);
      }
    }
    reset(s, nt, true);
  }
  return trace.complete();
}

/** Cuts [start, end) into pieces: [start, back) untouched, then runs of equal key; queues pieces. */
function splitCell(
  p: OrderedPartition,
  start: number,
  end: number,
  back: number,
  key: Float64Array,
  trace: Trace,
  inQueue: Uint8Array,
  enqueue: (s: number) => void,
): boolean {
  const { lab, cellStart, cellEnd } = p;
  const starts: number[] = [];
  if (back > start) starts.push(start);
  for (let q = back; q < end; q++) {
    if (q === back || key[lab[q]] !== key[lab[q - 1]]) starts.push(q);
  }
  if (starts.length === 1) return true;
  if (!trace.push(start) || !trace.push(starts.length)) return false;
  let largest = 0;
  let largestSize = -1;
  for (let k = 0; k < starts.length; k++) {
    const s0 = starts[k];
    const s1 = k + 1 < starts.length ? starts[k + 1] : end;
    cellEnd[s0] = s1;
    if (s0 !== start) for (let q = s0; q < s1; q++) cellStart[q] = s0;
    const pieceKey = s0 < back ? 0 : key[lab[s0]];
    if (!trace.push(pieceKey) || !trace.push(s1 - s0)) return false;
    if (s1 - s0 > largestSize) {
      largestSize = s1 - s0;
      largest = k;
    }
  }
  p.cells += starts.length - 1;
  const wasQueued = inQueue[start] === 1;
  for (let k = 0; k < starts.length; k++) {
    const s0 = starts[k];
    if (wasQueued ? s0 !== start : k !== largest) {
      if (!inQueue[s0]) enqueue(s0);
    }
  }
  return true;
}

function reset(s: RefineScratch, nt: number, result: boolean): boolean {
  for (let i = 0; i < nt; i++) {
    const u = s.touchedList[i];
    s.touched[u] = 0;
    s.outCount[u] = 0;
    s.inCount[u] = 0;
  }
  return result;
}
