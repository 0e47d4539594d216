using System;
using CampaignAnalytics.Statistics;
using MathNet.Numerics.Distributions;

namespace CampaignAnalytics.Tests.Statistics;

public class BayesianAbTests
{
    [Theory]
    [InlineData(12, 99, 5, 83, 0.9135485984225288)]
    [InlineData(250, 10000, 200, 10000, 0.9914227751234097)]
    [InlineData(100, 1000, 100, 1000, 0.5)]
    public void MatchesEvanMillersClosedForm(long sB, long nB, long sA, long nA, double expected)
    {
        var b = new Proportion(sB, nB);
        var a = new Proportion(sA, nA);
        Approx.Equal(expected, BayesianAb.ProbabilityToBeat(b, a));

        // The reverse runs the complementary form; log-gamma cancellation at 1e4 counts limits it to ~1e-11 absolute.
        Assert.Equal(1 - expected, BayesianAb.ProbabilityToBeat(a, b), 1e-10);
    }

    [Theory]
    [InlineData(12, 99, 5, 83)]
    [InlineData(250, 10000, 200, 10000)]
    [InlineData(0, 10, 3, 7)]
    [InlineData(9000, 9100, 8900, 9000)]
    [InlineData(1, 300, 0, 0)]
    public void AllFourFormsAndTheDirectSumAgree(long sB, long nB, long sA, long nA)
    {
        double aA = sA + 1.0, bA = nA - sA + 1.0, aB = sB + 1.0, bB = nB - sB + 1.0;
        double direct = BayesianAb.SumDirect(aA, bA, bB, sB + 1);

        // Every term of the direct sum goes through BetaLn; both paths carry ~1e-11 of log-gamma rounding.
        const double Abs = 1e-10;
        Assert.Equal(direct, BayesianAb.Sum(aA, bA, bB, sB + 1), Abs);
        Assert.Equal(direct, 1 - BayesianAb.Sum(aB, bB, bA, sA + 1), Abs);
        Assert.Equal(direct, BayesianAb.Sum(bB, aB, aA, nA - sA + 1), Abs);
        Assert.Equal(direct, 1 - BayesianAb.Sum(bA, aA, aB, nB - sB + 1), Abs);
        Assert.Equal(direct, BayesianAb.ProbabilityToBeat(new Proportion(sB, nB), new Proportion(sA, nA)), Abs);
    }

    [Fact]
    public void EmptyArmsUseThePrior()
    {
        Approx.Equal(0.5, BayesianAb.ProbabilityToBeat(new Proportion(0, 0), new Proportion(0, 0)));
        // Uniform A against Beta(2, 1) B: P(B > A) = 2/3.
        Approx.Equal(2.0 / 3.0, BayesianAb.ProbabilityToBeat(new Proportion(1, 1), new Proportion(0, 0)));
    }

    [Fact]
    public void MillionsOfSuccessesAreExactAndAgreeWithTheNormalApproximation()
    {
        var b = new Proportion(1_001_500, 10_000_000);
        var a = new Proportion(1_000_000, 10_000_000);
        double p = BayesianAb.ProbabilityToBeat(b, a);
        Assert.Equal(1.0, p + BayesianAb.ProbabilityToBeat(a, b), 1e-9);

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
}
