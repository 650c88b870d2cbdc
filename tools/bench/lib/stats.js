'use strict';

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], samples: values };
}

/**
 * Times `call(k)` (which runs k steps) `reps` times after a warm-up, with k grown until one call
 * takes about `seconds`; returns steps/s per call.
 */
async function measure(call, { reps, seconds, maxK = 1e6 }) {
  let k = 1;
  for (;;) {
    const start = performance.now();
    await call(k);
    const took = (performance.now() - start) / 1000;
    if (took >= seconds * 0.8 || k >= maxK) break;
    k = Math.min(maxK, Math.max(k + 1, Math.round((k * seconds) / Math.max(took, 1e-4))));
  }
  const rates = [];
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    await call(k);
    rates.push(k / ((performance.now() - start) / 1000));
  }
  return { k, ...summary(rates) };
}

module.exports = { summary, measure };
