using System;
using CampaignAnalytics.Statistics;

namespace CampaignAnalytics.Tests.Statistics;

public class SampleSizeTests
{
    [Fact]
    public void PooledVarianceMatchesReference() =>
        Approx.Equal(13808.924897180954, SampleSize.TwoProportions(0.02, 0.025));

    [Fact]
    public void CohensHMatchesReference() =>
        Approx.Equal(13767.945574076617, SampleSize.CohensH(0.02, 0.025));

    [Fact]
    public void DirectionDoesNotMatter()
    {
        Approx.Equal(13808.924897180954, SampleSize.TwoProportions(0.025, 0.02));
        Approx.Equal(13767.945574076617, SampleSize.CohensH(0.025, 0.02));
    }

    [Fact]
    public void OneSidedNeedsFewerTrials()
    {
        Assert.True(SampleSize.TwoProportions(0.02, 0.025, twoSided: false) < 13808.9);
        double h = SampleSize.EffectSizeH(0.02, 0.025);
        double z = 1.6448536269514722 + 0.8416212335729143;
        Approx.Equal(2 * (z / h) * (z / h), SampleSize.CohensH(0.02, 0.025, twoSided: false), 1e-12);
    }

    [Fact]
    public void MorePowerNeedsMoreTrials() =>
        Assert.True(SampleSize.TwoProportions(0.02, 0.025, power: 0.9) > SampleSize.TwoProportions(0.02, 0.025));

    [Fact]
    public void CeilingRoundsUp()
    {
        Assert.Equal(13809, SampleSize.Ceiling(13808.924897180954));
        Assert.Equal(13768, SampleSize.Ceiling(13767.945574076617));
        Assert.Equal(5, SampleSize.Ceiling(5.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.Ceiling(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.Ceiling(-1));
    }

    [Theory]
    [InlineData(0.0, 0.025, 0.05, 0.8)]
    [InlineData(0.02, 1.0, 0.05, 0.8)]
    [InlineData(0.02, 0.02, 0.05, 0.8)]
    [InlineData(0.02, 0.025, 0.0, 0.8)]
    [InlineData(0.02, 0.025, 0.05, 1.0)]
    [InlineData(0.02, 0.025, 0.5, 0.4)]
    [InlineData(double.NaN, 0.025, 0.05, 0.8)]
    public void InvalidArgumentsThrow(double baseline, double target, double alpha, double power)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.TwoProportions(baseline, target, alpha, power));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.CohensH(baseline, target, alpha, power));
    }
}
