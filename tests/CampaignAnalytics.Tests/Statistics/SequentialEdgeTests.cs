using System;
using CampaignAnalytics.Statistics;

namespace CampaignAnalytics.Tests.Statistics;

public class SequentialEdgeTests
{
    [Fact]
    public void No_trials_or_no_variance_gives_nulls_never_NaN()
    {
        Assert.Equal(new SequentialTestResult(null, null, null, null), SequentialTest.Difference(new Proportion(0, 0), new Proportion(5, 100)));
        Assert.Equal(new SequentialTestResult(0.0, null, null, null), SequentialTest.Difference(new Proportion(0, 50), new Proportion(0, 100)));
        Assert.Null(SequentialTest.OneSidedPValue(new Proportion(10, 10), new Proportion(20, 20), Alternative.Larger));
    }

    [Fact]
    public void Options_out_of_range_throw()
    {
        var arm = new Proportion(5, 100);
        Assert.Throws<ArgumentOutOfRangeException>(() => SequentialTest.Difference(arm, arm, new SequentialOptions { TuningParameter = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequentialTest.Difference(arm, arm, new SequentialOptions { Alpha = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequentialTest.OneSidedPValue(arm, arm, Alternative.TwoSided));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequentialSampleRatio.Test(Array.Empty<long[]>(), concentration: 0));
        Assert.Throws<ArgumentException>(() => SequentialSampleRatio.Test(new[] { new long[] { 1, 2 }, new long[] { 1 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Power.Plan(0.05, 0, 100, 0));
    }

    [Fact]
    public void The_one_sided_p_value_is_small_only_in_its_direction()
    {
        var worse = new Proportion(330, 40000);
        var baseline = new Proportion(200, 40000);
        Assert.True(SequentialTest.OneSidedPValue(worse, baseline, Alternative.Larger) < 0.05);
        Assert.Equal(1.0, SequentialTest.OneSidedPValue(worse, baseline, Alternative.Smaller));
    }

    [Fact]
    public void The_sample_ratio_p_value_never_rises()
    {
        var days = new[] { new long[] { 600, 400 }, new long[] { 400, 600 }, new long[] { 500, 500 } };
        var results = SequentialSampleRatio.Test(days);
        Assert.True(results[1].PValue <= results[0].PValue);
        Assert.True(results[2].PValue <= results[1].PValue);
    }
}
