import { RateMeter } from '../../src/pure/rate';

describe('RateMeter', () => {
  it('measures steps per second over its window, forgetting a slow start', () => {
    let t = 0;
    const meter = new RateMeter(1000, () => t);
    expect(meter.rate()).toBeNull();
    meter.add(0);
    t = 100;
    meter.add(0); // evaluations at step 0 (a sweep's cells all start there): no speed yet, not 0
    expect(meter.rate()).toBeNull();
    t = 500; // slow start: 10 steps in 0.5 s
    meter.add(10);
    expect(meter.rate()).toBeCloseTo(20);
    for (let i = 0; i < 30; i++) {
      t += 100;
      meter.add(100); // then 1000 steps/s
    }
    expect(meter.rate()).toBeCloseTo(1000);
  });
});
