using System;
using System.Globalization;
using CampaignAnalytics.Statistics;
using MathNet.Numerics.Distributions;
using Xunit.Sdk;

namespace CampaignAnalytics.Tests.Statistics;

public class BayesianAbTests
{
    // STATS.md's published values came from scipy's betaln (log-gamma differences): the exact values are
    // 0.91354859842242410… (1.1e-13 relative away) and 0.99142277510588199… (1.8e-11), both within the 1e-9 the
    // published values are checked to; SmallCountsMatchTheExactRationalSum pins the exact ones.
    [Theory]
    [InlineData(12, 99, 5, 83, 0.9135485984225288)]
    [InlineData(250, 10000, 200, 10000, 0.9914227751234097)]
    [InlineData(100, 1000, 100, 1000, 0.5)]
    public void MatchesEvanMillersClosedForm(long sB, long nB, long sA, long nA, double expected)
    {
        var b = new Proportion(sB, nB);
        var a = new Proportion(sA, nA);
        Approx.Equal(expected, BayesianAb.ProbabilityToBeat(b, a));
        Assert.Equal(1.0, BayesianAb.ProbabilityToBeat(b, a) + BayesianAb.ProbabilityToBeat(a, b), 1e-15);
    }

    [Theory]
    [InlineData(12, 99, 5, 83)]
    [InlineData(5, 83, 12, 99)]
    [InlineData(25, 1000, 20, 1000)]
    [InlineData(0, 10, 3, 7)]
    [InlineData(1, 300, 0, 0)]
    [InlineData(0, 0, 1, 1)]
    [InlineData(0, 40, 0, 3)]
    [InlineData(50, 60, 10, 100)]
    [InlineData(0, 500, 500, 500)]
    [InlineData(299, 300, 1, 300)]
    public void SmallCountsMatchTheExactRationalSum(long sB, long nB, long sA, long nA)
    {
        var exact = BetaReference.Exact(sB, nB, sA, nA);
        var p = BayesianAb.ProbabilityToBeat(new Proportion(sB, nB), new Proportion(sA, nA));
        WithinAbsolute(BetaReference.ToDouble(exact), p, 1e-15);
    }

    [Fact]
    public void RandomSmallCountsMatchTheExactRationalSum()
    {
        var random = new Random(20260101);
        for (var i = 0; i < 300; i++)
        {
            long nB = random.Next(0, 80), nA = random.Next(0, 80);
            long sB = random.Next(0, (int)nB + 1), sA = random.Next(0, (int)nA + 1);
            var exact = BetaReference.ToDouble(BetaReference.Exact(sB, nB, sA, nA));
            WithinAbsolute(exact, BayesianAb.ProbabilityToBeat(new Proportion(sB, nB), new Proportion(sA, nA)), 1e-15);
        }
    }

    [Fact]
    public void TheDoubleDoubleReferenceAgreesWithTheExactSum()
    {
        // The large-count reference is itself checked where the exact one is available.
        foreach (var (sB, nB, sA, nA) in new (long, long, long, long)[] { (12, 99, 5, 83), (250, 1000, 200, 1000), (0, 300, 2, 5), (40, 41, 3, 300) })
        {
            var exact = BetaReference.ToDouble(BetaReference.Exact(sB, nB, sA, nA));
            Approx.Equal(exact, BetaReference.Probability(sB, nB, sA, nA), 1e-15);
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(300, 10_000)]
    [InlineData(5_000_000, 100_000_000)]
    [InlineData(50_000_000, 100_000_000)]
    [InlineData(7, 10_000_000_000)]
    [InlineData(123_456_789_012, 1_000_000_000_000)]
    [InlineData(999_999_999_999, 1_000_000_000_000)]
    public void IdenticalArmsGiveExactlyOneHalf(long successes, long trials)
    {
        var p = new Proportion(successes, trials);
        Assert.Equal(0.5, BayesianAb.ProbabilityToBeat(p, new Proportion(successes, trials)));
    }

    // Large arms against the 32-digit evaluation of the closed form: 1e-12 absolute and 1e-9 relative.
    [Theory]
    [InlineData(9_978_787, 100_000_000, 10_000_000, 100_000_000)] // z ≈ −5
    [InlineData(10_001_273, 100_000_000, 10_000_000, 100_000_000)] // z ≈ 0.3
    [InlineData(9_915_147, 100_000_000, 10_000_000, 100_000_000)] // z ≈ −20: about 1e-89
    [InlineData(9_884_000, 100_000_000, 10_000_000, 100_000_000)] // z ≈ −27: about 1e-165
    [InlineData(97_764, 100_000_000, 100_000, 100_000_000)] // z ≈ −5 at a 0.1 % rate
    [InlineData(1_000_400, 1_000_000_000_000, 1_000_000, 1_000_000_000_000)] // z ≈ 0.3 at 1e12 trials
    [InlineData(993_000, 1_000_000_000_000, 1_000_000, 1_000_000_000_000)] // z ≈ −5 at 1e12 trials
    [InlineData(5, 1_000_000_000_000, 30, 1_000_000_000_000)]
    [InlineData(0, 1_000_000_000_000, 0, 0)]
    [InlineData(3, 10, 900_000, 1_000_000)]
    [InlineData(30, 1000, 2_000_000, 100_000_000)]
    [InlineData(999_999_999_000, 1_000_000_000_000, 1_000, 1_000)]
    public void LargeArmsMatchTheHighPrecisionReference(long sB, long nB, long sA, long nA)
    {
        var b = new Proportion(sB, nB);
        var a = new Proportion(sA, nA);
        var expected = BetaReference.Probability(sB, nB, sA, nA);
        var p = BayesianAb.ProbabilityToBeat(b, a);
        WithinAbsolute(expected, p, 1e-12);
        Approx.Equal(expected, p, 1e-9);
        Assert.Equal(1.0, p + BayesianAb.ProbabilityToBeat(a, b), 1e-15);
    }

    [Fact]
    public void RandomArmsUpToATrillionTrialsMatchTheHighPrecisionReference()
    {
        var random = new Random(7);
        var compared = 0;
        while (compared < 80)
        {
            long nB = LogUniform(random), nA = LogUniform(random);
            long sA = RandomSuccesses(random, nA);
            long sB = random.Next(2) == 0 ? RandomSuccesses(random, nB) : Math.Clamp(sA * nB / Math.Max(1, nA) + random.Next(-500, 500), 0, nB);

            // The reference sums from the top term down, so keep to arms whose direct form it can sum quickly.
            if (Math.Min(sB, nA - sA) > 300_000)
            {
                continue;
            }

            compared++;
            var expected = BetaReference.Probability(sB, nB, sA, nA);
            var p = BayesianAb.ProbabilityToBeat(new Proportion(sB, nB), new Proportion(sA, nA));
            WithinAbsolute(expected, p, 1e-12);
            if (expected >= 2.2250738585072014E-308)
            {
                Approx.Equal(expected, p, 1e-9);
            }
            else
            {
                WithinAbsolute(expected, p, 1e-307);
            }
        }
    }

    // The reference puts ln P(B > A) far below ln(smallest double) ≈ −745, so the correctly rounded value is 0
    // (the old sum gave 1.4e-8 for the first: 1 minus a sum that rounding had left just under 1).
    [Theory]
    [InlineData(9_332_407, 20_000_000, 5_000_000, 10_000_000, -14_000)] // z ≈ −173
    [InlineData(46_139_000, 100_000_000, 50_000_000, 100_000_000, -140_000)] // z ≈ −546
    public void AnAstronomicallySmallProbabilityIsZero(long sB, long nB, long sA, long nA, double logBelow)
    {
        var b = new Proportion(sB, nB);
        var a = new Proportion(sA, nA);
        Assert.InRange(BetaReference.LogProbability(sB, nB, sA, nA).Hi, double.MinValue, logBelow);
        Assert.Equal(0.0, BayesianAb.ProbabilityToBeat(b, a));
        Assert.Equal(1.0, BayesianAb.ProbabilityToBeat(a, b));
    }

    [Fact]
    public void BothOrdersSumToOne()
    {
        var random = new Random(11);
        for (var i = 0; i < 300; i++)
        {
            long nB = LogUniform(random), nA = LogUniform(random);
            var b = new Proportion(RandomSuccesses(random, nB), nB);
            var a = new Proportion(RandomSuccesses(random, nA), nA);
            Assert.Equal(1.0, BayesianAb.ProbabilityToBeat(b, a) + BayesianAb.ProbabilityToBeat(a, b), 1e-15);
        }
    }

    [Fact]
    public void EmptyArmsUseThePrior()
    {
        Assert.Equal(0.5, BayesianAb.ProbabilityToBeat(new Proportion(0, 0), new Proportion(0, 0)));
        // Uniform A against Beta(2, 1) B: P(B > A) = 2/3.
        Approx.Equal(2.0 / 3.0, BayesianAb.ProbabilityToBeat(new Proportion(1, 1), new Proportion(0, 0)), 1e-15);
    }

    [Fact]
    public void MillionsOfSuccessesAreExactAndAgreeWithTheNormalApproximation()
    {
        var b = new Proportion(1_001_500, 10_000_000);
        var a = new Proportion(1_000_000, 10_000_000);
        double p = BayesianAb.ProbabilityToBeat(b, a);
        Assert.Equal(1.0, p + BayesianAb.ProbabilityToBeat(a, b), 1e-15);

        // Posterior means and variances of Beta(1 + s, 1 + f).
        static (double Mean, double Var) Moments(Proportion x)
        {
            double alpha = x.Successes + 1.0, beta = x.Failures + 1.0, sum = alpha + beta;
            return (alpha / sum, alpha * beta / (sum * sum * (sum + 1)));
        }

        var (mb, vb) = Moments(b);
        var (ma, va) = Moments(a);
        double normal = Normal.CDF(0, 1, (mb - ma) / Math.Sqrt(va + vb));
        Assert.InRange(p, normal - 1e-3, normal + 1e-3);
        Assert.InRange(p, 0.85, 0.89);
    }

    /// <summary>Trials log-uniform in [0, 1e12].</summary>
    internal static long LogUniform(Random random) => (long)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(1e12 + 1)) - 1);

    /// <summary>Successes for a rate that is uniform, log-uniformly small, or log-uniformly close to 1.</summary>
    internal static long RandomSuccesses(Random random, long trials)
    {
        var u = random.NextDouble();
        var rate = random.Next(3) switch { 0 => u, 1 => Math.Exp(-30 * u), _ => 1 - Math.Exp(-30 * u) };
        return Math.Clamp((long)Math.Round(rate * trials), 0, trials);
    }

    private static void WithinAbsolute(double expected, double actual, double tolerance)
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
        {
            throw new XunitException(string.Create(CultureInfo.InvariantCulture,
                $"Expected {expected:R} but got {actual:R} (absolute error {Math.Abs(actual - expected):E3} > {tolerance:E1})."));
        }
    }
}
