using System;
using System.Diagnostics;
using CampaignAnalytics.Statistics;

namespace CampaignAnalytics.Tests.Statistics;

/// <summary>The work of <see cref="BayesianAb.ProbabilityToBeat(Proportion, Proportion)"/> is bounded whatever the counts.</summary>
public class BayesianAbWorkTests
{
    /// <summary>Integrand evaluations seen at most over the whole grid below (the hard cap is 65536).</summary>
    private const int NodeBound = 1500;

    [Theory]
    [InlineData(500_000_000_000, 1_000_000_000_000, 500_000_000_000, 1_000_000_000_000)]
    [InlineData(500_001_000_000, 1_000_000_000_000, 500_000_000_000, 1_000_000_000_000)]
    [InlineData(499_999_000_000, 1_000_000_000_000, 500_000_000_000, 1_000_000_000_000)]
    [InlineData(499_000_000_000, 1_000_000_000_000, 500_000_000_000, 1_000_000_000_000)]
    [InlineData(333_333_333_333, 1_000_000_000_000, 1, 3)]
    [InlineData(4_503_599_627_370_496, 9_007_199_254_740_992, 4_503_599_627_370_000, 9_007_199_254_740_992)]
    [InlineData(long.MaxValue / 2, long.MaxValue, long.MaxValue / 2 + 10_000_000, long.MaxValue)]
    [InlineData(0, long.MaxValue, 0, 0)]
    public void ATrillionTrialsAndMoreFinishWithBoundedWork(long sB, long nB, long sA, long nA)
    {
        var b = new Proportion(sB, nB);
        var a = new Proportion(sA, nA);
        var watch = Stopwatch.StartNew();
        var p = BayesianAb.ProbabilityToBeat(b, a, out var work);
        var q = BayesianAb.ProbabilityToBeat(a, b, out _);
        watch.Stop();

        Assert.InRange(p, 0.0, 1.0);
        Assert.Equal(1.0, p + q, 1e-15);
        Assert.InRange(work.Nodes, 0, NodeBound);
        Assert.InRange(work.SaddleSteps, 0, 200);
        Assert.InRange(work.Passes, 0, 1);

        // A guard against hangs only (the old sum took seconds at 1e8 and forever at 2^53), not a timing test.
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 10);
    }

    [Fact]
    public void WorkIsBoundedAtEveryCornerOfTheRangeOfCounts()
    {
        long[] counts = [0, 1, 3, 40, 1_000_000, 1_000_000_000_000, 1L << 53];
        var maxNodes = 0;
        foreach (var sB in counts)
        {
            foreach (var fB in counts)
            {
                foreach (var sA in counts)
                {
                    foreach (var fA in counts)
                    {
                        var p = BayesianAb.ProbabilityToBeat(new Proportion(sB, sB + fB), new Proportion(sA, sA + fA), out var work);
                        Assert.InRange(p, 0.0, 1.0);
                        Assert.InRange(work.SaddleSteps, 0, 200);
                        Assert.InRange(work.Passes, 0, 1);
                        maxNodes = Math.Max(maxNodes, work.Nodes);
                    }
                }
            }
        }

        Assert.InRange(maxNodes, 1, NodeBound);
    }
}
