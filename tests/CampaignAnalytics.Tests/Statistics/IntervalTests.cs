using System;
using CampaignAnalytics.Statistics;

namespace CampaignAnalytics.Tests.Statistics;

public class WilsonTests
{
    [Theory]
    [InlineData(12, 99, 0.07071551497720935, 0.20000661537720538)]
    [InlineData(0, 50, 0.0, 0.07134759913335874)]
    [InlineData(250, 10000, 0.02211756158552442, 0.02824723686661834)]
    public void MatchesStatsmodels(long successes, long trials, double lower, double upper)
    {
        var ci = Wilson.Interval(new Proportion(successes, trials));
        Assert.NotNull(ci);
        Approx.Equal(lower, ci.Lower);
        Approx.Equal(upper, ci.Upper);
    }

    [Fact]
    public void ZeroTrialsGivesNull() => Assert.Null(Wilson.Interval(new Proportion(0, 0)));

    [Fact]
    public void AllSuccessesHasUpperBoundExactlyOne()
    {
        var ci = Wilson.Interval(new Proportion(50, 50))!;
        Assert.Equal(1.0, ci.Upper);
        Approx.Equal(1 - 0.07134759913335874, ci.Lower);
    }

    [Fact]
    public void HigherConfidenceIsWider()
    {
        var p = new Proportion(12, 99);
        var ci95 = Wilson.Interval(p)!;
        var ci99 = Wilson.Interval(p, 0.99)!;
        Assert.True(ci99.Lower < ci95.Lower && ci99.Upper > ci95.Upper);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(95.0)]
    [InlineData(double.NaN)]
    public void InvalidConfidenceLevelThrows(double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Wilson.Interval(new Proportion(1, 2), level));

    [Fact]
    public void ToStringIsInvariant() =>
        Assert.Equal("[0.25, 0.5]", new ConfidenceInterval(0.25, 0.5).ToString());
}

public class NewcombeTests
{
    [Fact]
    public void MatchesStatsmodels()
    {
        var ci = Newcombe.DifferenceInterval(new Proportion(250, 10000), new Proportion(200, 10000));
        Assert.NotNull(ci);
        Approx.Equal(0.0008870475992941457, ci.Lower);
        Approx.Equal(0.009138266721419232, ci.Upper);
    }

    [Fact]
    public void SwappingArmsNegatesTheInterval()
    {
        var ci = Newcombe.DifferenceInterval(new Proportion(200, 10000), new Proportion(250, 10000))!;
        Approx.Equal(-0.009138266721419232, ci.Lower);
        Approx.Equal(-0.0008870475992941457, ci.Upper);
    }

    [Fact]
    public void ZeroTrialsGivesNull()
    {
        Assert.Null(Newcombe.DifferenceInterval(new Proportion(0, 0), new Proportion(1, 10)));
        Assert.Null(Newcombe.DifferenceInterval(new Proportion(1, 10), new Proportion(0, 0)));
    }

    [Fact]
    public void ZeroSuccessesBothSidesIsDefined()
    {
        var ci = Newcombe.DifferenceInterval(new Proportion(0, 50), new Proportion(0, 50))!;
        Approx.Equal(-0.07134759913335874, ci.Lower);
        Approx.Equal(0.07134759913335874, ci.Upper);
    }

    [Fact]
    public void InvalidConfidenceLevelThrows() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Newcombe.DifferenceInterval(new Proportion(1, 2), new Proportion(1, 2), 1.5));
}
