using CampaignAnalytics.Comparison;
using System.Linq;
using CampaignAnalytics.Statistics;
using CampaignAnalytics.Store;
using NodaTime;

namespace CampaignAnalytics.Tests.Statistics;

/// <summary>Records holding lists compare the lists element by element, not by reference.</summary>
public class RecordEqualityTests
{
    private static readonly LocalDate Day = new(2025, 3, 1);

    [Fact]
    public void Comparison_results_with_equal_rows_are_equal()
    {
        var arms = new[] { new ArmCounts("a", "Control Group", 1000, 125), new ArmCounts("b", "B", 1000, 100) };
        var first = VariationComparison.Compare(arms);
        var second = VariationComparison.Compare(arms.ToArray());
        Assert.NotSame(first.Rows, second.Rows);
        AssertEqual(first, second);

        var rows = second.Rows.ToArray();
        rows[1] = rows[1] with { Successes = 101 };
        Assert.NotEqual(first, second with { Rows = rows });
        Assert.NotEqual(first, second with { Rows = second.Rows.Take(1).ToArray() });
        Assert.NotEqual(first, second with { ControlIndex = 1 });
    }

    [Fact]
    public void Goodness_of_fit_results_compare_observed_and_expected_by_element()
    {
        var first = SampleRatioMismatch.Test(new long[] { 1010, 990 });
        var second = SampleRatioMismatch.Test(new long[] { 1010, 990 });
        AssertEqual(first, second);
        Assert.NotEqual(first, second with { Observed = new long[] { 1010, 991 } });
        Assert.NotEqual(first, second with { Expected = new[] { 1000.0, 1000.5 } });
        Assert.NotEqual(first, second with { PValue = 0.5 });
    }

    [Fact]
    public void Comparison_options_compare_intended_weights_by_element()
    {
        var first = new ComparisonOptions { IntendedWeights = new[] { 0.5, 0.5 } };
        var second = new ComparisonOptions { IntendedWeights = new[] { 0.5, 0.5 } };
        AssertEqual(first, second);
        Assert.NotEqual(first, second with { IntendedWeights = new[] { 0.5, 0.25 } });
        Assert.NotEqual(first, second with { IntendedWeights = null });
        Assert.NotEqual(first, second with { ConfidenceLevel = 0.9 });
        AssertEqual(new ComparisonOptions(), ComparisonOptions.Default);
    }

    [Fact]
    public void Store_coverages_compare_ranges_and_gaps_by_element()
    {
        StoreCoverage Make(int gapDay) => new(
            "c",
            Day,
            Day.PlusDays(9),
            9,
            new[] { new DateInterval(Day, Day.PlusDays(gapDay - 1)), new DateInterval(Day.PlusDays(gapDay + 1), Day.PlusDays(9)) },
            new[] { new DateInterval(Day.PlusDays(gapDay), Day.PlusDays(gapDay)) });

        AssertEqual(Make(4), Make(4));
        Assert.NotEqual(Make(4), Make(5));
        Assert.NotEqual(Make(4), Make(4) with { Gaps = new[] { new DateInterval(Day.PlusDays(4), Day.PlusDays(5)) } });
        Assert.NotEqual(Make(4), Make(4) with { LastDate = null });
    }

    [Fact]
    public void Sync_results_compare_fetched_intervals_by_element()
    {
        SyncResult Make(int days) => new("c", new[] { new DateInterval(Day, Day.PlusDays(days)), new DateInterval(Day.PlusDays(20), Day.PlusDays(21)) }, 3, 1, 0, 0);

        AssertEqual(Make(9), Make(9));
        Assert.NotEqual(Make(9), Make(10));
        Assert.NotEqual(Make(9), Make(9) with { DaysUpdated = 2 });
        Assert.NotEqual(Make(9), Make(9) with { CampaignId = "d" });
    }

    private static void AssertEqual<T>(T first, T second)
        where T : class
    {
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.True(first.Equals(second));
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }
}
