using System;
using CampaignAnalytics.Statistics;

namespace CampaignAnalytics.Tests.Statistics;

public class ChiSquareTests
{
    [Fact]
    public void HomogeneityMatchesScipy()
    {
        var r = ChiSquare.Homogeneity(new[] { new Proportion(200, 10000), new Proportion(250, 10000), new Proportion(230, 10000) });
        Approx.Equal(5.7178396597383845, r.Statistic);
        Assert.Equal(2, r.DegreesOfFreedom);
        Approx.Equal(0.057330653691431574, r.PValue);
    }

    [Fact]
    public void TwoArmsIsTheSquareOfThePooledZ()
    {
        var r = ChiSquare.Homogeneity(new[] { new Proportion(250, 10000), new Proportion(200, 10000) });
        Approx.Equal(2.3839951328405053 * 2.3839951328405053, r.Statistic);
        Approx.Equal(0.01712582887219501, r.PValue);
        Assert.Equal(1, r.DegreesOfFreedom);
    }

    [Fact]
    public void ArmsWithoutTrialsAreLeftOut()
    {
        var r = ChiSquare.Homogeneity(new[] { new Proportion(200, 10000), new Proportion(0, 0), new Proportion(250, 10000), new Proportion(230, 10000) });
        Approx.Equal(5.7178396597383845, r.Statistic);
        Assert.Equal(2, r.DegreesOfFreedom);
    }

    [Fact]
    public void FewerThanTwoArmsWithTrialsGivesNull()
    {
        var none = ChiSquare.Homogeneity(Array.Empty<Proportion>());
        Assert.Null(none.Statistic);
        Assert.Null(none.PValue);
        Assert.Equal(0, none.DegreesOfFreedom);

        var one = ChiSquare.Homogeneity(new[] { new Proportion(5, 10), new Proportion(0, 0) });
        Assert.Null(one.Statistic);
        Assert.Equal(0, one.DegreesOfFreedom);
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(100L, 50L)]
    public void ZeroMarginGivesNull(long s1, long s2)
    {
        var r = ChiSquare.Homogeneity(new[] { new Proportion(s1, 100), new Proportion(s2 == 0 ? 0 : 50, 50) });
        Assert.Null(r.Statistic);
        Assert.Null(r.PValue);
        Assert.Equal(1, r.DegreesOfFreedom);
    }

    [Fact]
    public void NullThrows() => Assert.Throws<ArgumentNullException>(() => ChiSquare.Homogeneity(null!));
}

public class SampleRatioMismatchTests
{
    [Fact]
    public void SixHundredVersusFourHundred()
    {
        var r = SampleRatioMismatch.Test(new long[] { 600, 400 });
        Approx.Equal(40, r.Statistic);
        Assert.Equal(1, r.DegreesOfFreedom);
        Approx.Equal(2.5396285894708634e-10, r.PValue);
        Assert.Equal(new long[] { 600, 400 }, r.Observed);
        Assert.Equal(new double[] { 500, 500 }, r.Expected);
    }

    [Fact]
    public void FortyFourThousandVersusFortyFiveThousand()
    {
        var r = SampleRatioMismatch.Test(new long[] { 44000, 45000 }, new double[] { 50, 50 });
        Approx.Equal(0.0008022781177678721, r.PValue);
        Approx.Equal(2.0 * 500 * 500 / 44500, r.Statistic);
    }

    [Fact]
    public void WeightsAreNormalised()
    {
        var r = SampleRatioMismatch.Test(new long[] { 200, 800 }, new double[] { 1, 4 });
        Approx.Equal(0, r.Statistic);
        Assert.Equal(1.0, r.PValue);
        Approx.Equal(200, r.Expected[0]);
        Approx.Equal(800, r.Expected[1]);
    }

    [Fact]
    public void UnequalSplitIsTestedAgainstItsWeights()
    {
        // 10/90 intended: observed 120/880, expected 100/900 → 400/100 + 400/900.
        var r = SampleRatioMismatch.Test(new long[] { 120, 880 }, new double[] { 0.1, 0.9 });
        Approx.Equal(4 + 400.0 / 900, r.Statistic);
    }

    [Fact]
    public void DegenerateInputsGiveNull()
    {
        var single = SampleRatioMismatch.Test(new long[] { 10 });
        Assert.Null(single.Statistic);
        Assert.Equal(0, single.DegreesOfFreedom);

        var empty = SampleRatioMismatch.Test(Array.Empty<long>());
        Assert.Null(empty.PValue);

        var zero = SampleRatioMismatch.Test(new long[] { 0, 0, 0 });
        Assert.Null(zero.Statistic);
        Assert.Equal(2, zero.DegreesOfFreedom);
    }

    [Fact]
    public void InvalidArgumentsThrow()
    {
        Assert.Throws<ArgumentNullException>(() => SampleRatioMismatch.Test(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleRatioMismatch.Test(new long[] { -1, 5 }));
        Assert.Throws<ArgumentException>(() => SampleRatioMismatch.Test(new long[] { 1, 5 }, new double[] { 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleRatioMismatch.Test(new long[] { 1, 5 }, new double[] { 1, 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleRatioMismatch.Test(new long[] { 1, 5 }, new double[] { 1, -2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleRatioMismatch.Test(new long[] { 1, 5 }, new double[] { 1, double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleRatioMismatch.Test(new long[] { 1, 5 }, new double[] { 1, double.PositiveInfinity }));
    }
}
