import { checkObservation, InconsistentObservationsError, type Observation, type PairPosterior } from './observations';

/**
 * Exact posterior of a complete bipartite relation K_{a,n−a} (R(x, y) = 1 iff exactly one of
 * x, y lies in a hidden set S of size a) relabelled uniformly at random, given observed pairs.
 *
 * Closure: a related pair puts x and y on opposite sides, an unrelated one on the same side;
 * union-find with parity gives components whose internal sides are fixed, each with p vertices
 * on its root's side and q on the other. A consistent relation is a choice, per component, of
 * which side goes into S such that |S| = a: all equally likely, counted exactly by a subset-sum
 * dynamic programme. For x, y in different components, P(related) is the probability that the
 * two orientations put them on opposite sides, from the joint orientation counts. When a = n/2
 * the sets S and its complement give the same relation; every relation is then counted twice,
 * which leaves the probabilities unchanged.
 */
export function bipartitePosterior(n: number, a: number, observations: readonly Observation[]): PairPosterior {
  if (!(Number.isSafeInteger(a) && a >= 1 && a < n)) throw new RangeError(`need 1 ≤ a < n, got a = ${a}, n = ${n}`);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const parity = new Uint8Array(n); // parity relative to parent
  const find = (x: number): [number, number] => {
    let p = 0;
    let root = x;
    while (parent[root] !== root) {
      p ^= parity[root];
      root = parent[root];
    }
    // path compression with parity
    let y = x;
    let py = p;
    while (parent[y] !== y) {
      const next = parent[y];
      const pn = py ^ parity[y];
      parent[y] = root;
      parity[y] = py;
      y = next;
      py = pn;
    }
    return [root, p];
  };
  for (const o of observations) {
    checkObservation(n, o);
    if (o.x === o.y) {
      if (o.label !== 0) throw new InconsistentObservationsError(`(${o.x}, ${o.x}) observed related in a bipartite relation`);
      continue;
    }
    const [rx, px] = find(o.x);
    const [ry, py] = find(o.y);
    const differ = o.label; // related ⇔ opposite sides
    if (rx === ry) {
      if ((px ^ py) !== differ) throw new InconsistentObservationsError(`(${o.x}, ${o.y}) contradicts the sides implied by other pairs`);
      continue;
    }
    parent[ry] = rx;
    parity[ry] = px ^ py ^ differ;
  }

  const compIndex = new Map<number, number>();
  const compOf = new Int32Array(n);
  const sideOf = new Uint8Array(n);
  const counts: [number, number][] = [];
  for (let x = 0; x < n; x++) {
    const [root, p] = find(x);
    let c = compIndex.get(root);
    if (c === undefined) {
      c = counts.length;
      compIndex.set(root, c);
      counts.push([0, 0]);
    }
    compOf[x] = c;
    sideOf[x] = p;
    counts[c][p]++;
  }
  const r = counts.length;
  // Orientation o_c = 0: the component's side-0 vertices are in S (contributing counts[c][0]), else side 1.
  const contribution = (c: number, o: number) => counts[c][o];

  /** Number of orientations of the components in `order` summing to each total, as a polynomial. */
  const poly = (skip: readonly number[]) => {
    let dp = new Float64Array(a + 1);
    dp[0] = 1;
    for (let c = 0; c < r; c++) {
      if (skip.includes(c)) continue;
      const next = new Float64Array(a + 1);
      for (let s = 0; s <= a; s++) {
        if (dp[s] === 0) continue;
        for (let o = 0; o < 2; o++) {
          const t = s + contribution(c, o);
          if (t <= a) next[t] += dp[s];
        }
      }
      dp = next;
    }
    return dp;
  };
  const total = poly([])[a];
  if (!(total > 0)) throw new InconsistentObservationsError(`no side assignment puts exactly ${a} symbols in S`);

  // sameOrientation[i*r + j] = P(o_i = o_j).
  const sameOrientation = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = i + 1; j < r; j++) {
      const rest = poly([i, j]);
      let same = 0;
      for (let oi = 0; oi < 2; oi++) {
        for (let oj = 0; oj < 2; oj++) {
          const need = a - contribution(i, oi) - contribution(j, oj);
          if (need >= 0 && oi === oj) same += rest[need];
        }
      }
      sameOrientation[i * r + j] = same / total;
      sameOrientation[j * r + i] = same / total;
    }
  }

  const probability = new Float64Array(n * n);
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      if (x === y) continue;
      const cx = compOf[x];
      const cy = compOf[y];
      const opposite = sideOf[x] ^ sideOf[y];
      if (cx === cy) {
        probability[x * n + y] = opposite;
        continue;
      }
      // x in S iff side(x) = o_cx; x, y on opposite sides of S iff (side x ⊕ o_cx) ≠ (side y ⊕ o_cy).
      const pSame = sameOrientation[cx * r + cy];
      probability[x * n + y] = opposite ? pSame : 1 - pSame;
    }
  }
  return { n, probability, consistent: total };
}
