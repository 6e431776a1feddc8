import { median, medianInterval } from '../../bench/support/stats';

describe('the benchmarks\' median and its bootstrap interval', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('gives the same interval for the same samples (seeded), and one that holds the median', () => {
    const ratios = [0.91, 1.09, 1.03, 1.05, 0.98, 1.04, 0.97, 1.01];
    const first = medianInterval(ratios);
    expect(medianInterval(ratios)).toEqual(first);
    expect(first.low).toBeLessThanOrEqual(median(ratios));
    expect(first.high).toBeGreaterThanOrEqual(median(ratios));
    expect(first.low).toBeGreaterThanOrEqual(Math.min(...ratios));
    expect(first.high).toBeLessThanOrEqual(Math.max(...ratios));
  });

  it('narrows as rounds are added: the same spread over four times the rounds', () => {
    const spread = [0.9, 0.94, 0.97, 0.99, 1.0, 1.01, 1.03, 1.06, 1.1];
    const few = medianInterval(spread);
    const many = medianInterval([...spread, ...spread, ...spread, ...spread]);
    expect(many.high - many.low).toBeLessThan(few.high - few.low);
  });

  it('is the range when there are too few samples to resample', () => {
    expect(medianInterval([0.9, 1.1])).toEqual({ low: 0.9, high: 1.1 });
  });
});
