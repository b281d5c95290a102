import { gammaln } from 'simple-statistics';

/**
 * The binomial upper tail P(X ≥ k) for X ~ Binomial(n, p), in natural-log space so that it stays finite and exact to
 * ~1e-12 relative for n in the thousands (where the plain tail underflows below 1e-308).
 *
 * Method: ln C(n, i) from log-gamma (Lanczos, simple-statistics), then the terms are summed relative to the first one
 * with the ratio t(i+1)/t(i) = (n − i)/(i + 1) · p/q, so no term is ever exponentiated on its own.
 *  - k above the mean: the terms fall from i = k on, the sum stops once a term adds less than 1e-17 of it.
 *  - k at or below the mean: the tail is ≥ ~0.3, computed as 1 − P(X ≤ k − 1), the lower sum taken downwards from
 *    k − 1 where its terms fall. Summing upwards from a k far below the mode would overflow the relative sum.
 */

/** Smallest relative contribution still worth adding: below double precision. */
const SUM_EPSILON = 1e-17;

function logBinomialTerm(i: number, n: number, logP: number, logQ: number): number {
  return gammaln(n + 1) - gammaln(i + 1) - gammaln(n - i + 1) + i * logP + (n - i) * logQ;
}

/** ln P(X ≥ k), X ~ Binomial(n, p). 0 when k ≤ 0, −∞ when k > n or p = 0. */
export function logBinomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 0;
  if (k > n || p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return 0;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const odds = p / (1 - p);
  if (k > n * p) {
    let term = 1;
    let sum = 1;
    for (let i = k; i < n; i++) {
      term *= ((n - i) / (i + 1)) * odds;
      sum += term;
      if (term < sum * SUM_EPSILON) break;
    }
    return logBinomialTerm(k, n, logP, logQ) + Math.log(sum);
  }
  let term = 1;
  let sum = 1;
  for (let i = k - 1; i > 0; i--) {
    term *= i / ((n - i + 1) * odds);
    sum += term;
    if (term < sum * SUM_EPSILON) break;
  }
  const lower = Math.exp(logBinomialTerm(k - 1, n, logP, logQ) + Math.log(sum));
  return Math.log1p(-Math.min(lower, 1));
}
