#!/usr/bin/env python3
"""Reference values for the sequential statistics, written from the papers with Python's standard library only.

  python3 tests/CampaignAnalytics.Tests/Statistics/reference/sequential.py > tests/CampaignAnalytics.Tests/Statistics/reference/sequential.json

Independent of the C# code: every formula here is taken from the sources below, not from the library.

* Asymptotic confidence sequence (Waudby-Smith, Arbour, Sinha, Kennedy, Ramdas 2023, "Time-uniform central limit
  theory and asymptotic confidence sequences", arXiv:2103.06476, Theorem 2.2 with the Gaussian-mixture boundary):
  mean +- sigma * sqrt(2 (t rho^2 + 1) / (t^2 rho^2) * log(sqrt(t rho^2 + 1) / alpha)), with
  rho = sqrt((-2 log a + log(-2 log a + 1)) / t*) (a = alpha two-sided, 2 alpha one-sided), as GrowthBook documents.
* Always-valid p-value: 1 / E with E the Gaussian-mixture martingale exp(rho^2 S^2 / (2 (1 + rho^2 V))) / sqrt(1 + rho^2 V)
  (Robbins' normal mixture; Howard et al. 2021), S = t * mean / sigma, V = t; one-sided: the half-normal mixture
  2 E Phi(rho S / sqrt(1 + rho^2 V)).
* Sequential SRM (Lindon, Semmens, Gotwalt 2022, arXiv:2011.01808): Bayes factor of a Dirichlet(c p0)-multinomial
  against the multinomial(p0), p = running min of 1 / BF.
* Power: fixed-horizon sample size by Fleiss' formula (no continuity correction); sequential power by substituting the
  sequence's half-width for the critical value (GrowthBook's power documentation).
"""
import json
import math
from statistics import NormalDist

N01 = NormalDist()


def rho(alpha, tuning, two_sided=True):
    a = alpha if two_sided else 2 * alpha
    return math.sqrt((-2 * math.log(a) + math.log(-2 * math.log(a) + 1)) / tuning)


def moments(sb, nb, sa, na):
    pb, pa = sb / nb, sa / na
    t = nb + na
    var_estimate = pb * (1 - pb) / nb + pa * (1 - pa) / na
    return pb - pa, t, var_estimate * t


def boundary(sigma2, t, alpha, r):
    return math.sqrt(sigma2) * math.sqrt(2 * (t * r * r + 1) / (t * t * r * r) * math.log(math.sqrt(t * r * r + 1) / alpha))


def log_mixture(mean, t, sigma2, r):
    s = t * mean / math.sqrt(sigma2)  # the sum of standardised observations
    v = t
    return r * r * s * s / (2 * (1 + r * r * v)) - 0.5 * math.log(1 + r * r * v)


def sequential_case(sb, nb, sa, na, alpha, tuning):
    d, t, sigma2 = moments(sb, nb, sa, na)
    r = rho(alpha, tuning)
    half = boundary(sigma2, t, alpha, r)
    p = min(1.0, math.exp(-log_mixture(d, t, sigma2, r)))
    return {"challenger": [sb, nb], "control": [sa, na], "alpha": alpha, "tuning": tuning,
            "rho": r, "difference": d, "lower": d - half, "upper": d + half, "p_value": p}


def one_sided_case(sb, nb, sa, na, alpha, tuning, larger):
    d, t, sigma2 = moments(sb, nb, sa, na)
    r = rho(alpha, tuning, two_sided=False)
    signed = d if larger else -d
    s = t * signed / math.sqrt(sigma2)
    tail = N01.cdf(r * s / math.sqrt(1 + r * r * t))
    e = 2 * math.exp(log_mixture(d, t, sigma2, r)) * tail
    return {"challenger": [sb, nb], "control": [sa, na], "alpha": alpha, "tuning": tuning,
            "alternative": "larger" if larger else "smaller", "p_value": min(1.0, 1 / e)}


def srm_case(days, weights, c):
    k = len(days[0])
    total_w = sum(weights) if weights else k
    p0 = [(w / total_w) for w in weights] if weights else [1 / k] * k
    a = [c * p for p in p0]
    cumulative = [0] * k
    out, best = [], 1.0
    for day in days:
        cumulative = [x + y for x, y in zip(cumulative, day)]
        n = sum(cumulative)
        # log of B(a + x) / B(a), B the multivariate beta, minus the multinomial log-likelihood of p0
        log_m1 = sum(math.lgamma(ai + xi) - math.lgamma(ai) for ai, xi in zip(a, cumulative)) - (math.lgamma(c + n) - math.lgamma(c))
        log_m0 = sum(xi * math.log(pi) for xi, pi in zip(cumulative, p0) if xi > 0)
        log_bf = log_m1 - log_m0
        best = min(best, min(1.0, math.exp(-log_bf)))
        out.append({"log_bayes_factor": log_bf, "p_value": best})
    return {"days": days, "weights": weights, "concentration": c, "results": out}


def fleiss(p1, p2, alpha, power):
    za = N01.inv_cdf(1 - alpha / 2)
    zb = N01.inv_cdf(power)
    pbar = (p1 + p2) / 2
    return ((za * math.sqrt(2 * pbar * (1 - pbar)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) / (p2 - p1)) ** 2


def sequential_power(p1, p2, n, alpha, tuning):
    sigma = math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n)
    t = 2 * n
    half = boundary(sigma * sigma * t, t, alpha, rho(alpha, tuning))
    shift = abs(p2 - p1) / sigma
    return N01.cdf(shift - half / sigma) + N01.cdf(-shift - half / sigma)


def bisect(f, lo, hi):
    """Root of an increasing f on [lo, hi] to the last bit."""
    for _ in range(2000):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if f(mid) < 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def sequential_trials(p1, p2, alpha, power, tuning):
    return math.exp(bisect(lambda x: sequential_power(p1, p2, math.exp(x), alpha, tuning) - power, 0.0, math.log(1e15)))


def mde(p, n, alpha, power, tuning=None):
    hi = (1 - p) / p * (1 - 1e-12)
    lo = hi * 1e-12
    if tuning is None:
        f = lambda lift: math.log(n) - math.log(fleiss(p, p * (1 + lift), alpha, power))
    else:
        f = lambda lift: sequential_power(p, p * (1 + lift), n, alpha, tuning) - power
    return bisect(f, lo, hi)


def power_case(p, lift, daily, so_far, alpha, power, tuning):
    target = p * (1 + lift)
    fixed = fleiss(p, target, alpha, power)
    seq = sequential_trials(p, target, alpha, power, tuning)
    days = lambda trials: 0 if trials <= 0 else math.ceil(trials / daily)
    return {"control_rate": p, "lift": lift, "daily_trials_per_arm": daily, "trials_per_arm": so_far, "alpha": alpha,
            "power": power, "tuning": tuning,
            "sequential_power_at_so_far": sequential_power(p, target, so_far, alpha, tuning),
            "fixed_trials_per_arm": fixed, "sequential_trials_per_arm": seq,
            "fixed_days": days(fixed), "sequential_days": days(seq),
            "fixed_more_days": days(fixed - so_far), "sequential_more_days": days(seq - so_far),
            "fixed_mde": mde(p, so_far, alpha, power), "sequential_mde": mde(p, so_far, alpha, power, tuning)}


def main():
    sequential = [
        sequential_case(250, 10000, 200, 10000, 0.05, 5000),
        sequential_case(12, 99, 5, 83, 0.05, 5000),
        sequential_case(5400, 100000, 5000, 100000, 0.05, 5000),
        sequential_case(5400, 100000, 5000, 100000, 0.05, 200000),
        sequential_case(31, 1200, 40, 1150, 0.10, 1000),
        sequential_case(1010, 20000, 1000, 20000, 0.01, 5000),
    ]
    one_sided = [
        one_sided_case(250, 10000, 200, 10000, 0.05, 5000, True),
        one_sided_case(250, 10000, 200, 10000, 0.05, 5000, False),
        one_sided_case(330, 40000, 260, 40000, 0.05, 5000, True),
        one_sided_case(12, 99, 5, 83, 0.025, 2000, True),
    ]
    srm = [
        srm_case([[500, 500], [480, 520], [510, 490], [495, 505]], None, 10000),
        srm_case([[600, 400], [590, 410], [610, 390]], [50, 50], 10000),
        srm_case([[100, 450, 450], [95, 460, 440], [130, 430, 445], [90, 470, 455]], [10, 45, 45], 10000),
        srm_case([[5000, 5000], [5100, 4900], [5200, 4800], [5300, 4700], [5400, 4600]], None, 1000),
    ]
    power = [
        power_case(0.02, 0.05, 1500, 9000, 0.05, 0.8, 5000),
        power_case(0.05, 0.10, 1000, 14000, 0.05, 0.8, 5000),
        power_case(0.10, 0.02, 25000, 60000, 0.05, 0.9, 100000),
        power_case(0.30, 0.20, 50, 120, 0.10, 0.8, 5000),
    ]
    print(json.dumps({"sequential": sequential, "one_sided": one_sided, "srm": srm, "power": power}, indent=1))


if __name__ == "__main__":
    main()
