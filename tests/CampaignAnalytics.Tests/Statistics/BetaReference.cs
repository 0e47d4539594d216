using System;
using System.Collections.Generic;
using System.Numerics;

namespace CampaignAnalytics.Tests.Statistics;

/// <summary>
/// Independent references for P(B &gt; A) with Beta(1, 1) priors, by Evan Miller's closed form
/// P(B &gt; A) = Σ_{i=0}^{αB−1} T_i, T_i = B(αA+i, βA+βB) / ((βB+i) B(1+i, βB) B(αA, βA)):
/// exactly in rational arithmetic for small counts, and in double-double arithmetic (about 32 digits) for large ones.
/// Neither shares code or method with the library (which inverts a moment generating function).
/// </summary>
internal static class BetaReference
{
    /// <summary>P(B &gt; A) exactly, as a fraction, for B = sB/nB and A = sA/nA (small counts: factorials are exact).</summary>
    public static (BigInteger Numerator, BigInteger Denominator) Exact(long sB, long nB, long sA, long nA)
    {
        long aA = sA + 1, bA = nA - sA + 1, aB = sB + 1, bB = nB - sB + 1;
        var factorials = new List<BigInteger> { BigInteger.One };
        BigInteger Factorial(long n)
        {
            while (factorials.Count <= n)
            {
                factorials.Add(factorials[^1] * factorials.Count);
            }

            return factorials[(int)n];
        }

        // B(p, q) = (p−1)!(q−1)!/(p+q−1)!, as (numerator, denominator).
        (BigInteger N, BigInteger D) Beta(long p, long q) => (Factorial(p - 1) * Factorial(q - 1), Factorial(p + q - 1));

        BigInteger num = BigInteger.Zero, den = BigInteger.One;
        var (normN, normD) = Beta(aA, bA);
        for (long i = 0; i < aB; i++)
        {
            var (n1, d1) = Beta(aA + i, bA + bB);
            var (n2, d2) = Beta(1 + i, bB);
            // T = (n1/d1) / ((bB+i) (n2/d2) (normN/normD))
            var tn = n1 * d2 * normD;
            var td = d1 * (bB + i) * n2 * normN;
            num = num * td + tn * den;
            den *= td;
            var g = BigInteger.GreatestCommonDivisor(num, den);
            num /= g;
            den /= g;
        }

        return (num, den);
    }

    /// <summary>A fraction as the nearest double (to within an ulp).</summary>
    public static double ToDouble((BigInteger Numerator, BigInteger Denominator) fraction)
    {
        // A quotient of about 128 bits, then scaled back: (double)BigInteger rounds to nearest.
        var bits = (int)(128 + fraction.Denominator.GetBitLength() - fraction.Numerator.GetBitLength());
        var scaled = bits >= 0 ? (fraction.Numerator << bits) / fraction.Denominator : fraction.Numerator / (fraction.Denominator << -bits);
        return Math.ScaleB((double)scaled, -bits);
    }

    /// <summary>
    /// ln P(B &gt; A) in double-double: the terms T_i increase up to i* = (αA−1)(βB−1)/(βA+1) and decrease after
    /// (T_i/T_{i−1} ≥ 1 ⇔ i ≤ i*), so the sum runs down from i = αB−1 and stops once j·T_j (a bound on the rest)
    /// is below 1e-34 of the sum. <paramref name="terms"/> tells how many terms were added.
    /// </summary>
    public static DoubleDouble LogProbability(long sB, long nB, long sA, long nA, out long terms)
    {
        double aA = sA + 1, bA = nA - sA + 1, aB = sB + 1, bB = nB - sB + 1;
        var top = aB - 1;
        var logTop = LogBeta(aA + top, bA + bB) - DoubleDouble.Log(new DoubleDouble(bB + top)) - LogBeta(1 + top, bB) - LogBeta(aA, bA);
        var mode = (aA - 1) * (bB - 1) / (bA + 1);

        // Sum of T_i / e^{scale}; rescaled when the running term grows large.
        var scale = logTop;
        var term = DoubleDouble.One;
        var sum = DoubleDouble.Zero;
        terms = 0;
        for (var i = top; i >= 0; i--)
        {
            sum += term;
            terms++;
            if (i <= mode && (term * i).Hi <= 1e-34 * sum.Hi)
            {
                break;
            }

            if (i == 0)
            {
                break;
            }

            // T_{i−1} = T_i · i (αA+βA+βB+i−1) / ((αA+i−1)(βB+i−1))
            term = term * new DoubleDouble(i) * new DoubleDouble(aA + bA + bB + i - 1) / (new DoubleDouble(aA + i - 1) * new DoubleDouble(bB + i - 1));
            if (term.Hi > 1e200)
            {
                var shift = DoubleDouble.Log(term);
                scale += shift;
                sum /= term;
                term = DoubleDouble.One;
            }
        }

        return scale + DoubleDouble.Log(sum);
    }

    /// <summary>
    /// ln P(B &gt; A) by the cheaper of two direct forms: the sum over B's successes, or (as P(1−A &gt; 1−B)) over A's failures.
    /// </summary>
    public static DoubleDouble LogProbability(long sB, long nB, long sA, long nA) =>
        sB <= nA - sA
            ? LogProbability(sB, nB, sA, nA, out _)
            : LogProbability(nA - sA, nA, nB - sB, nB, out _);

    /// <summary>P(B &gt; A) in double-double, rounded to double (0 below the double range).</summary>
    public static double Probability(long sB, long nB, long sA, long nA) =>
        DoubleDouble.Exp(LogProbability(sB, nB, sA, nA)).Hi;

    /// <summary>ln B(p, q) = ln Γ(p) + ln Γ(q) − ln Γ(p+q) for integers p, q ≥ 1.</summary>
    public static DoubleDouble LogBeta(double p, double q) => LogGamma(p) + LogGamma(q) - LogGamma(p + q);

    /// <summary>ln Γ(x) for an integer x ≥ 1 (exact in double), by Stirling's series from 40 on (remainder below 1e-37).</summary>
    public static DoubleDouble LogGamma(double x)
    {
        if (x < 40)
        {
            // ln Γ(x) = ln Γ(x + m) − ln(x (x+1) … (x+m−1))
            var product = DoubleDouble.One;
            var y = x;
            while (y < 40)
            {
                product *= new DoubleDouble(y);
                y++;
            }

            return LogGamma(y) - DoubleDouble.Log(product);
        }

        var xx = new DoubleDouble(x);
        var inverse = DoubleDouble.One / xx;
        var inverse2 = inverse * inverse;
        var series = DoubleDouble.Zero;
        var power = inverse;
        for (var j = 0; j < Bernoulli.Length; j++)
        {
            var (n, d) = Bernoulli[j];
            var twoJ = 2.0 * (j + 1);
            series += power * new DoubleDouble(n) / (new DoubleDouble(d) * new DoubleDouble(twoJ * (twoJ - 1)));
            power *= inverse2;
        }

        return (xx - new DoubleDouble(0.5)) * DoubleDouble.Log(xx) - xx + DoubleDouble.HalfLogTwoPi + series;
    }

    /// <summary>B₂ … B₂₄ as exact fractions.</summary>
    private static readonly (double N, double D)[] Bernoulli =
    [
        (1, 6), (-1, 30), (1, 42), (-1, 30), (5, 66), (-691, 2730), (7, 6), (-3617, 510), (43867, 798), (-174611, 330),
        (854513, 138), (-236364091, 2730),
    ];
}

/// <summary>Double-double arithmetic (an unevaluated sum hi + lo, about 106 bits), for the references only.</summary>
internal readonly record struct DoubleDouble(double Hi, double Lo)
{
    public DoubleDouble(double value)
        : this(value, 0)
    {
    }

    public static DoubleDouble Zero => new(0, 0);

    public static DoubleDouble One => new(1, 0);

    public static DoubleDouble Ln2 => new(6.931471805599452862e-01, 2.319046813846299558e-17);

    public static DoubleDouble Pi => new(3.141592653589793116e+00, 1.224646799147353207e-16);

    public static DoubleDouble HalfLogTwoPi { get; } = new DoubleDouble(0.5) * (Ln2 + Log(Pi));

    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        var (s, e) = TwoSum(a.Hi, b.Hi);
        var (t, f) = TwoSum(a.Lo, b.Lo);
        e += t;
        (s, e) = QuickTwoSum(s, e);
        e += f;
        return Normalize(s, e);
    }

    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + -b;

    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        var p = a.Hi * b.Hi;
        var e = Math.FusedMultiplyAdd(a.Hi, b.Hi, -p);
        e += a.Hi * b.Lo + a.Lo * b.Hi;
        return Normalize(p, e);
    }

    public static DoubleDouble operator *(DoubleDouble a, double b) => a * new DoubleDouble(b);

    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b)
    {
        var q1 = a.Hi / b.Hi;
        var r = a - b * new DoubleDouble(q1);
        var q2 = r.Hi / b.Hi;
        r -= b * new DoubleDouble(q2);
        var q3 = r.Hi / b.Hi;
        return Normalize(q1, q2) + new DoubleDouble(q3);
    }

    /// <summary>e^x, by e^x = 2^k (e^{r/1024})^1024 with a Taylor series for e^{r/1024}.</summary>
    public static DoubleDouble Exp(DoubleDouble x)
    {
        if (x.Hi < -745.2)
        {
            return Zero;
        }

        var k = Math.Round(x.Hi / Ln2.Hi);
        var r = (x - Ln2 * k) * new DoubleDouble(1.0 / 1024);
        var sum = One;
        var term = One;
        for (var n = 1; n <= 20; n++)
        {
            term = term * r / new DoubleDouble(n);
            sum += term;
        }

        for (var i = 0; i < 10; i++)
        {
            sum *= sum;
        }

        return new DoubleDouble(Math.ScaleB(sum.Hi, (int)k), Math.ScaleB(sum.Lo, (int)k));
    }

    /// <summary>ln x for x &gt; 0, by two Newton steps y ← y + x e^{−y} − 1 from the double logarithm.</summary>
    public static DoubleDouble Log(DoubleDouble x)
    {
        var y = new DoubleDouble(Math.Log(x.Hi));
        for (var i = 0; i < 2; i++)
        {
            y = y + x * Exp(-y) - One;
        }

        return y;
    }

    private static DoubleDouble Normalize(double s, double e)
    {
        var (hi, lo) = QuickTwoSum(s, e);
        return new DoubleDouble(hi, lo);
    }

    private static (double S, double E) TwoSum(double a, double b)
    {
        var s = a + b;
        var bb = s - a;
        return (s, (a - (s - bb)) + (b - bb));
    }

    private static (double S, double E) QuickTwoSum(double a, double b)
    {
        var s = a + b;
        return (s, b - (s - a));
    }
}
