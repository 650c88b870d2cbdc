#!/usr/bin/env python3
"""Fits the rational tanh of the engine's kernels (packages/backends/native/csrc/core/vecmath.inc).

tanh(x) = x·P(x²)/Q(x²) on 0 ≤ x ≤ XMAX, P of degree 6 and Q of degree 3 in s = x², Q(0) = 1.
The fit is linear least squares on P(s) − f(s)·Q(s) = 0 with f(s) = tanh(√s)/√s, reweighted
each round by 1/(f·Q_previous)² so it minimises relative error (Loeb's iteration), and after a
few rounds by Lawson's multiplicative update towards the minimax solution. The variable is scaled
to s/XMAX² for conditioning and the coefficients scaled back, then rounded to float32.

It prints the coefficients and their error when evaluated as the kernels do (float32 Horner,
then (x·P)/Q, capped at 1), against float64 tanh over 4.2 million arguments.

    /usr/bin/python3 tools/numerics/fit-tanh.py            # degrees 6/3, XMAX 9.25
    /usr/bin/python3 tools/numerics/fit-tanh.py 5 3 9.25   # other degrees or range
"""
import sys

import numpy as np

NP, NQ = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) > 2 else (6, 3)
XMAX = float(sys.argv[3]) if len(sys.argv) > 3 else 9.25
SMAX = XMAX * XMAX

x = np.sort(np.concatenate([np.linspace(1e-4, XMAX, 200000), np.geomspace(1e-6, 1, 20000)]))
f = np.tanh(x) / x
t = x * x / SMAX


def solve(weights):
    """P(t) − f·(Q(t) − 1) = f, unknowns p0…pNP, q1…qNQ."""
    powers_p = np.vstack([t**k for k in range(NP + 1)]).T
    powers_q = np.vstack([t**k for k in range(1, NQ + 1)]).T
    a = np.concatenate([powers_p, -f[:, None] * powers_q], axis=1)
    root = np.sqrt(weights)
    sol, *_ = np.linalg.lstsq(a * root[:, None], f * root, rcond=None)
    return sol[: NP + 1], np.concatenate([[1.0], sol[NP + 1 :]])


lawson = np.ones_like(t)
q_prev = np.ones_like(t)
for round_ in range(60):
    p, q = solve(lawson / (f * q_prev) ** 2)
    q_prev = np.polyval(q[::-1], t)
    err = (np.polyval(p[::-1], t) / q_prev - f) / f
    if round_ >= 5:
        lawson *= np.abs(err) / np.abs(err).max() + 1e-3
        lawson /= lawson.mean()

p32 = (p / SMAX ** np.arange(NP + 1)).astype(np.float32)
q32 = (q / SMAX ** np.arange(NQ + 1)).astype(np.float32)
print(f"degrees {NP}/{NQ} on [0, {XMAX}]: max relative error {np.abs(err).max():.2e} in exact arithmetic")
print("P (s^0 first):", ", ".join(f"{c:.9e}f" for c in p32))
print("Q (s^0 first):", ", ".join(f"{c:.9e}f" for c in q32))


def kernel_tanh(xs):
    """The kernels' evaluation, operation by operation in float32."""
    a = np.minimum(np.abs(xs), np.float32(XMAX))
    s = a * a
    pv = np.full_like(s, p32[-1])
    for c in p32[-2::-1]:
        pv = pv * s + c
    qv = np.full_like(s, q32[-1])
    for c in q32[-2::-1]:
        qv = qv * s + c
    return np.copysign(np.minimum((a * pv) / qv, np.float32(1)), xs)


rng = np.random.default_rng(1)
xs = np.concatenate([rng.uniform(0, XMAX + 1, 3000000), np.geomspace(1e-30, 1, 200000), np.linspace(0, XMAX, 1000000)])
xs = xs.astype(np.float32)
ref = np.tanh(xs.astype(np.float64))
ulps = np.abs(kernel_tanh(xs).astype(np.float64) - ref) / np.spacing(ref.astype(np.float32)).astype(np.float64)
print(f"float32 evaluation: max {ulps.max():.2f} ulp (at x = {xs[ulps.argmax()]:.6g}), mean {ulps.mean():.2f} ulp; "
      f"tanh(XMAX) = {kernel_tanh(np.array([XMAX], np.float32))[0]!r}")
