using System;
using CampaignAnalytics.Statistics;

namespace CampaignAnalytics.Tests.Statistics;

public class ZTestTests
{
    [Fact]
    public void MatchesStatsmodelsDocstringExample()
    {
        var r = ZTest.TwoProportions(new Proportion(5, 83), new Proportion(12, 99));
        Approx.Equal(-1.4078304151258787, r.Statistic);
        Approx.Equal(0.15918129181156992, r.PValue);
        Approx.Equal(1 - 0.15918129181156992, r.Confidence);
        Approx.Equal(5.0 / 83 - 12.0 / 99, r.Difference);
        Assert.Equal(Alternative.TwoSided, r.Alternative);
    }

    [Fact]
    public void MatchesReferenceTwoSidedAndLarger()
    {
        var a = new Proportion(250, 10000);
        var b = new Proportion(200, 10000);
        var two = ZTest.TwoProportions(a, b);
        Approx.Equal(2.3839951328405053, two.Statistic);
        Approx.Equal(0.01712582887219501, two.PValue);

        var larger = ZTest.TwoProportions(a, b, Alternative.Larger);
        Approx.Equal(2.3839951328405053, larger.Statistic);
        Approx.Equal(0.008562914436097505, larger.PValue);

        var smaller = ZTest.TwoProportions(a, b, Alternative.Smaller);
        Approx.Equal(1 - 0.008562914436097505, smaller.PValue);

        var reversedSmaller = ZTest.TwoProportions(b, a, Alternative.Smaller);
        Approx.Equal(-2.3839951328405053, reversedSmaller.Statistic);
        Approx.Equal(0.008562914436097505, reversedSmaller.PValue);
    }

    [Theory]
    [InlineData(0, 100, 0, 100)]
    [InlineData(100, 100, 50, 50)]
    public void ZeroPooledVarianceGivesNullStatistic(long s1, long n1, long s2, long n2)
    {
        var r = ZTest.TwoProportions(new Proportion(s1, n1), new Proportion(s2, n2));
        Assert.Null(r.Statistic);
        Assert.Null(r.PValue);
        Assert.Null(r.Confidence);
        Assert.Equal(0.0, r.Difference);
    }

    [Fact]
    public void ZeroTrialArmGivesAllNull()
    {
        var r = ZTest.TwoProportions(new Proportion(0, 0), new Proportion(5, 10));
        Assert.Null(r.Difference);
        Assert.Null(r.Statistic);
        Assert.Null(r.PValue);
    }

    [Fact]
    public void EqualRatesGivePValueOne()
    {
        var r = ZTest.TwoProportions(new Proportion(10, 100), new Proportion(10, 100));
        Assert.Equal(0.0, r.Statistic);
        Assert.Equal(1.0, r.PValue);
    }

    [Fact]
    public void UndefinedAlternativeThrows() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ZTest.TwoProportions(new Proportion(1, 2), new Proportion(1, 2), (Alternative)7));
}
