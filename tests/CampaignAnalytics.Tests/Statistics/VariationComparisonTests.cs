using CampaignAnalytics.Comparison;
using System;
using CampaignAnalytics.Statistics;

namespace CampaignAnalytics.Tests.Statistics;

public class VariationComparisonTests
{
    private static readonly ArmCounts[] ThreeArms =
    {
        new("control", "Control", 10000, 200),
        new("a", "Variant A", 10000, 250),
        new("b", null, 10000, 230),
    };

    [Fact]
    public void ComparesEachArmWithTheControl()
    {
        var result = VariationComparison.Compare(ThreeArms);
        Assert.Equal(0, result.ControlIndex);
        Assert.Equal(3, result.Rows.Count);

        var control = result.Rows[0];
        Assert.True(control.IsControl);
        Assert.Equal("Control", control.VariationName);
        Approx.Equal(0.02, control.Rate);
        Assert.Null(control.ZStatistic);
        Assert.Null(control.PValue);
        Assert.Null(control.AdjustedPValue);
        Assert.Null(control.AbsoluteLift);
        Assert.Null(control.ProbabilityToBeatControl);
        Assert.Null(control.DifferenceLower);

        var a = result.Rows[1];
        Assert.False(a.IsControl);
        Assert.Equal("a", a.VariationKey);
        Assert.Equal(10000, a.Trials);
        Assert.Equal(250, a.Successes);
        Approx.Equal(0.025, a.Rate);
        Approx.Equal(0.02211756158552442, a.RateLower);
        Approx.Equal(0.02824723686661834, a.RateUpper);
        Approx.Equal(0.005, a.AbsoluteLift);
        Approx.Equal(0.25, a.RelativeLift);
        Approx.Equal(2.3839951328405053, a.ZStatistic);
        Approx.Equal(0.01712582887219501, a.PValue);
        Approx.Equal(1 - 0.01712582887219501, a.Confidence);
        Approx.Equal(0.9914227751234097, a.ProbabilityToBeatControl);
        Approx.Equal(0.0008870475992941457, a.DifferenceLower);
        Approx.Equal(0.009138266721419232, a.DifferenceUpper);

        // Holm over the two non-control arms: the smaller p doubles, the larger is max(own, doubled smaller).
        var b = result.Rows[2];
        Assert.Null(b.VariationName);
        Approx.Equal(2 * 0.01712582887219501, a.AdjustedPValue);
        Approx.Equal(Math.Max(b.PValue!.Value, 2 * 0.01712582887219501), b.AdjustedPValue);

        Approx.Equal(5.7178396597383845, result.ChiSquare.Statistic);
        Assert.Equal(2, result.ChiSquare.DegreesOfFreedom);
        Approx.Equal(0.057330653691431574, result.ChiSquare.PValue);

        Assert.Equal(SampleRatioBasis.Trials, result.SampleRatioBasis);
        Approx.Equal(0, result.SampleRatioMismatch.Statistic);
        Assert.Equal(1.0, result.SampleRatioMismatch.PValue);
    }

    [Fact]
    public void ControlByKeyAndOneSidedAlternative()
    {
        var options = new ComparisonOptions { Alternative = Alternative.Larger };
        var result = VariationComparison.Compare(new[] { ThreeArms[1], ThreeArms[0] }, "control", options);
        Assert.Equal(1, result.ControlIndex);
        Assert.True(result.Rows[1].IsControl);
        Approx.Equal(0.008562914436097505, result.Rows[0].PValue);
        Approx.Equal(0.008562914436097505, result.Rows[0].AdjustedPValue);
    }

    [Fact]
    public void SampleRatioUsesExposureWhenEveryArmHasIt()
    {
        var arms = new[]
        {
            new ArmCounts("control", null, 500, 10, exposure: 600),
            new ArmCounts("a", null, 380, 12, exposure: 400),
        };
        var result = VariationComparison.Compare(arms);
        Assert.Equal(SampleRatioBasis.Exposure, result.SampleRatioBasis);
        Approx.Equal(40, result.SampleRatioMismatch.Statistic);
        Approx.Equal(2.5396285894708634e-10, result.SampleRatioMismatch.PValue);
        Assert.Equal(new long[] { 600, 400 }, result.SampleRatioMismatch.Observed);

        var partial = VariationComparison.Compare(new[] { arms[0], new ArmCounts("a", null, 380, 12) });
        Assert.Equal(SampleRatioBasis.Trials, partial.SampleRatioBasis);
        Assert.Equal(new long[] { 500, 380 }, partial.SampleRatioMismatch.Observed);
    }

    [Fact]
    public void IntendedWeightsAreUsed()
    {
        var arms = new[]
        {
            new ArmCounts("control", null, 44000, 880),
            new ArmCounts("a", null, 45000, 900),
        };
        Approx.Equal(0.0008022781177678721, VariationComparison.Compare(arms).SampleRatioMismatch.PValue);

        var weighted = VariationComparison.Compare(arms, options: new ComparisonOptions { IntendedWeights = new double[] { 44, 45 } });
        Approx.Equal(0, weighted.SampleRatioMismatch.Statistic);

        Assert.Throws<ArgumentException>(() =>
            VariationComparison.Compare(arms, options: new ComparisonOptions { IntendedWeights = new double[] { 1, 1, 1 } }));
    }

    [Fact]
    public void NoArmsGivesEmptyResult()
    {
        var result = VariationComparison.Compare(Array.Empty<ArmCounts>());
        Assert.Empty(result.Rows);
        Assert.Null(result.ControlIndex);
        Assert.Null(result.ChiSquare.Statistic);
        Assert.Null(result.ChiSquare.PValue);
        Assert.Null(result.SampleRatioMismatch.Statistic);
        Assert.Null(result.SampleRatioMismatch.PValue);
    }

    [Fact]
    public void SingleArmHasNoTests()
    {
        var result = VariationComparison.Compare(new[] { new ArmCounts("only", null, 100, 7) });
        var row = Assert.Single(result.Rows);
        Assert.True(row.IsControl);
        Approx.Equal(0.07, row.Rate);
        Assert.NotNull(row.RateLower);
        Assert.Null(row.PValue);
        Assert.Null(result.ChiSquare.Statistic);
        Assert.Null(result.SampleRatioMismatch.Statistic);
    }

    [Fact]
    public void ControlWithoutTrialsNullsTheTestColumns()
    {
        var arms = new[]
        {
            new ArmCounts("control", null, 0, 0),
            new ArmCounts("a", null, 10000, 250),
            new ArmCounts("b", null, 10000, 200),
        };
        var result = VariationComparison.Compare(arms);
        Assert.Null(result.Rows[0].Rate);
        Assert.Null(result.Rows[0].RateLower);
        foreach (var row in result.Rows)
        {
            Assert.Null(row.AbsoluteLift);
            Assert.Null(row.RelativeLift);
            Assert.Null(row.ZStatistic);
            Assert.Null(row.PValue);
            Assert.Null(row.Confidence);
            Assert.Null(row.AdjustedPValue);
            Assert.Null(row.ProbabilityToBeatControl);
            Assert.Null(row.DifferenceLower);
            Assert.Null(row.DifferenceUpper);
        }

        Approx.Equal(0.025, result.Rows[1].Rate);

        // The chi-square leaves the empty control out and still compares a and b.
        Approx.Equal(2.3839951328405053 * 2.3839951328405053, result.ChiSquare.Statistic);
        Assert.Equal(1, result.ChiSquare.DegreesOfFreedom);
    }

    [Fact]
    public void ZeroControlRateHasNoRelativeLift()
    {
        var arms = new[] { new ArmCounts("control", null, 100, 0), new ArmCounts("a", null, 100, 3) };
        var row = VariationComparison.Compare(arms).Rows[1];
        Approx.Equal(0.03, row.AbsoluteLift);
        Assert.Null(row.RelativeLift);
        Assert.NotNull(row.PValue);
    }

    [Fact]
    public void InvalidArgumentsThrow()
    {
        Assert.Throws<ArgumentNullException>(() => VariationComparison.Compare((ArmCounts[])null!));
        Assert.Throws<ArgumentNullException>(() => VariationComparison.Compare(new ArmCounts[] { null! }));
        Assert.Throws<ArgumentOutOfRangeException>(() => VariationComparison.Compare(ThreeArms, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => VariationComparison.Compare(ThreeArms, -1));
        Assert.Throws<ArgumentException>(() => VariationComparison.Compare(ThreeArms, "missing"));
        Assert.Throws<ArgumentException>(() => VariationComparison.Compare(new[] { ThreeArms[0], ThreeArms[0] }, "control"));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            VariationComparison.Compare(ThreeArms, options: new ComparisonOptions { ConfidenceLevel = 1.0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            VariationComparison.Compare(ThreeArms, options: new ComparisonOptions { Alternative = (Alternative)9 }));
    }

    [Fact]
    public void ArmCountsValidatesItsCounts()
    {
        Assert.Throws<ArgumentNullException>(() => new ArmCounts(null!, null, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArmCounts("a", null, 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArmCounts("a", null, -1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArmCounts("a", null, 1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArmCounts("a", null, 1, 0, -5));
        Assert.Equal(new Proportion(3, 9), new ArmCounts("a", "A", 9, 3).Proportion);
    }
}
