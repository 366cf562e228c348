/** Discounting: net present value and internal rate of return of yearly cash flows. */

/** NPV of yearly flows (the first at year 0) at `rate` per year. */
export function npv(flows: readonly number[], rate: number): number {
  let s = 0;
  let discount = 1;
  for (let i = 0; i < flows.length; i++) {
    s += flows[i]! * discount;
    discount /= 1 + rate;
  }
  return s;
}

/**
 * IRR of yearly flows: the rate in (-99%, 1000%) where the NPV is zero, found by bisection;
 * undefined when the flows never change sign or the NPV does not cross zero in that range.
 */
export function irr(flows: readonly number[]): number | undefined {
  const hasNeg = flows.some((f) => f < 0);
  const hasPos = flows.some((f) => f > 0);
  if (!hasNeg || !hasPos) return undefined;
  let lo = -0.99;
  let hi = 10;
  let flo = npv(flows, lo);
  const fhi = npv(flows, hi);
  if (Math.sign(flo) === Math.sign(fhi)) return undefined;
  // Bisection to a rate tolerance of 1e-10 (about 37 halvings of the bracket).
  while (hi - lo > 1e-10) {
    const mid = (lo + hi) / 2;
    const fm = npv(flows, mid);
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}
