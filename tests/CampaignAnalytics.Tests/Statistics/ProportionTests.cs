using System;
using CampaignAnalytics.Statistics;

namespace CampaignAnalytics.Tests.Statistics;

public class ProportionTests
{
    [Fact]
    public void RateIsSuccessesOverTrials()
    {
        var p = new Proportion(12, 99);
        Assert.Equal(12, p.Successes);
        Assert.Equal(99, p.Trials);
        Assert.Equal(87, p.Failures);
        Approx.Equal(12.0 / 99.0, p.Rate);
        Assert.Equal("12/99", p.ToString());
    }

    [Fact]
    public void ZeroTrialsHasNoRate()
    {
        Assert.Null(new Proportion(0, 0).Rate);
        Assert.Null(default(Proportion).Rate);
    }

    [Theory]
    [InlineData(-1, 10, "successes")]
    [InlineData(0, -1, "trials")]
    [InlineData(11, 10, "successes")]
    public void InvalidCountsThrow(long successes, long trials, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Proportion(successes, trials));
        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void EqualityIsByValue() => Assert.Equal(new Proportion(3, 7), new Proportion(3, 7));
}
