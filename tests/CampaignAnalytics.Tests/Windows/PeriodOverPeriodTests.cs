using System;
using System.Linq;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Tests.Windows;

public sealed class PeriodOverPeriodTests
{
    private sealed record Day(long Sent, long? Delivered, long? UniqueClicks, double? Revenue);

    private static readonly WindowMetric<Day>[] Metrics =
    [
        new("sent", d => d.Sent),
        new("revenue", d => d.Revenue),
    ];

    private static readonly WindowRate<Day>[] Rates =
    [
        new("UniqueClickRate", d => d.UniqueClicks, d => d.Delivered),
    ];

    private static LocalDate D(int m, int d) => new(2025, m, d);

    private static DateInterval I(LocalDate start, LocalDate end) => new(start, end);

    [Theory]
    [InlineData(18, IsoDayOfWeek.Monday, 9, 2)] // Wednesday: the week before is the last full one
    [InlineData(15, IsoDayOfWeek.Monday, 9, 2)] // Sunday ends a Monday week
    [InlineData(16, IsoDayOfWeek.Monday, 9, 2)] // Monday: its week has just begun
    [InlineData(14, IsoDayOfWeek.Sunday, 8, 1)] // Saturday ends a Sunday week
    [InlineData(15, IsoDayOfWeek.Sunday, 8, 1)] // Sunday: its week has just begun
    public void Last_full_weeks(int asOfDay, IsoDayOfWeek firstDay, int currentStart, int previousStart)
    {
        var windows = PeriodOverPeriod.LastFullWeeks(D(6, asOfDay), firstDay);
        Assert.Equal(I(D(6, currentStart), D(6, currentStart + 6)), windows.Current);
        Assert.Equal(I(D(6, previousStart), D(6, previousStart + 6)), windows.Previous);
    }

    [Fact]
    public void Last_full_months_across_a_leap_february_and_a_year_end()
    {
        var mid = PeriodOverPeriod.LastFullMonths(new LocalDate(2024, 3, 15));
        Assert.Equal(I(new LocalDate(2024, 2, 1), new LocalDate(2024, 2, 29)), mid.Current);
        Assert.Equal(I(new LocalDate(2024, 1, 1), new LocalDate(2024, 1, 31)), mid.Previous);

        var endOfMonth = PeriodOverPeriod.LastFullMonths(new LocalDate(2024, 3, 31));
        Assert.Equal(I(new LocalDate(2024, 3, 1), new LocalDate(2024, 3, 31)), endOfMonth.Current);

        var january = PeriodOverPeriod.LastFullMonths(new LocalDate(2025, 1, 10));
        Assert.Equal(I(new LocalDate(2024, 12, 1), new LocalDate(2024, 12, 31)), january.Current);
        Assert.Equal(I(new LocalDate(2024, 11, 1), new LocalDate(2024, 11, 30)), january.Previous);
    }

    [Fact]
    public void Trailing_and_period_windows()
    {
        var trailing = PeriodOverPeriod.TrailingDays(7, D(6, 21));
        Assert.Equal(I(D(6, 15), D(6, 21)), trailing.Current);
        Assert.Equal(I(D(6, 8), D(6, 14)), trailing.Previous);
        Assert.Throws<ArgumentOutOfRangeException>(() => PeriodOverPeriod.TrailingDays(0, D(6, 21)));

        var fortnights = PeriodOverPeriod.LastFullPeriods(D(6, 21), Period.FromDays(14), D(1, 6));
        Assert.Equal(14, fortnights.Current.Length);
        Assert.Equal(fortnights.Previous.End.PlusDays(1), fortnights.Current.Start);
        Assert.True(fortnights.Current.End <= D(6, 21));
    }

    [Fact]
    public void Compares_sums_and_rates_from_sums()
    {
        // Previous week 06-02..06-08, current week 06-09..06-15.
        var days = Enumerable.Range(0, 14).Select(i =>
            i < 7
                ? new Day(Sent: 100, Delivered: 100, UniqueClicks: i == 0 ? 70 : 0, Revenue: 1.0) // 70 of 700 = 10 %
                : new Day(Sent: 150, Delivered: 100, UniqueClicks: 21, Revenue: null)); // 147 of 700 = 21 %
        var series = DailySeries.Contiguous(D(6, 2), days);

        var result = series.Compare(PeriodOverPeriod.LastFullWeeks(D(6, 15)), Metrics, Rates);

        Assert.True(result.IsComplete);
        var sent = result.FindMetric("sent")!;
        Assert.Equal(1050, sent.Current);
        Assert.Equal(700, sent.Previous);
        Assert.Equal(350, sent.Change);
        Assert.Equal(0.5, sent.RelativeChange);

        var revenue = result.FindMetric("revenue")!;
        Assert.Null(revenue.Current); // absent all week: not a zero
        Assert.Equal(0, revenue.CurrentDays);
        Assert.Equal(7.0, revenue.Previous);
        Assert.Null(revenue.Change);
        Assert.Null(revenue.RelativeChange);

        var rate = Assert.Single(result.Rates);
        Assert.Equal(147.0 / 700.0, rate.Current!.Value, 12);
        Assert.Equal(0.1, rate.Previous!.Value, 12);
        Assert.Equal(11.0, rate.ChangeInPoints!.Value, 9);
        Assert.Equal(1.1, rate.RelativeChange!.Value, 12);
        Assert.Equal(700, rate.CurrentDenominator);
        Assert.Null(result.FindRate("nope"));
    }

    [Fact]
    public void Zero_base_and_zero_denominator_give_null()
    {
        var previous = I(D(6, 1), D(6, 1));
        var current = I(D(6, 2), D(6, 2));
        var series = DailySeries.Contiguous(D(6, 1), new[] { new Day(0, 0, 0, 0.0), new Day(10, 0, 3, 2.0) });

        var result = series.Compare(new ComparisonWindows(current, previous), Metrics, Rates);

        var sent = result.Metrics[0];
        Assert.Equal(10, sent.Change);
        Assert.Null(sent.RelativeChange);
        var rate = result.Rates[0];
        Assert.Null(rate.Current);
        Assert.Null(rate.Previous);
        Assert.Null(rate.ChangeInPoints);
        Assert.Null(rate.RelativeChange);
        Assert.Equal(0.0, rate.CurrentDenominator);
    }

    [Fact]
    public void Zero_previous_rate_gives_points_but_no_relative_change()
    {
        var series = DailySeries.Contiguous(D(6, 1), new[] { new Day(10, 10, 0, null), new Day(10, 10, 5, null) });
        var rate = series.Compare(new ComparisonWindows(I(D(6, 2), D(6, 2)), I(D(6, 1), D(6, 1))), [], Rates).Rates[0];
        Assert.Equal(50.0, rate.ChangeInPoints);
        Assert.Null(rate.RelativeChange);
    }

    [Fact]
    public void Missing_days_are_reported_not_filled()
    {
        var series = DailySeries.Contiguous(D(6, 4), Enumerable.Repeat(new Day(1, 1, 1, null), 12)); // 06-04..06-15
        var result = series.Compare(PeriodOverPeriod.LastFullWeeks(D(6, 15)), Metrics);
        Assert.Equal(0, result.CurrentMissingDays);
        Assert.Equal(2, result.PreviousMissingDays);
        Assert.False(result.IsComplete);
        Assert.Equal(5, result.Metrics[0].Previous);
        Assert.Empty(result.Rates);
    }

    [Fact]
    public void Rates_only_sum_days_carrying_both_values()
    {
        var series = DailySeries.Contiguous(D(6, 1), new[] { new Day(10, 10, 5, null), new Day(10, null, 5, null), new Day(10, 10, null, null) });
        var rate = series.Compare(new ComparisonWindows(I(D(6, 1), D(6, 3)), I(D(5, 1), D(5, 3))), [], Rates).Rates[0];
        Assert.Equal(1, rate.CurrentDays);
        Assert.Equal(0.5, rate.Current);
        Assert.Null(rate.PreviousNumerator);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        var series = DailySeries<Day>.Empty;
        var windows = PeriodOverPeriod.TrailingDays(7, D(6, 21));
        Assert.Throws<ArgumentNullException>(() => series.Compare(null!, Metrics));
        Assert.Throws<ArgumentNullException>(() => series.Compare(windows, null!));
        Assert.Throws<ArgumentException>(() => series.Compare(windows, [null!]));
        Assert.Throws<ArgumentNullException>(() => new ComparisonWindows(null!, windows.Previous));
        Assert.Throws<ArgumentNullException>(() => new WindowMetric<Day>(null!, d => d.Sent));
        Assert.Throws<ArgumentNullException>(() => new WindowRate<Day>("r", d => d.Sent, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => PeriodOverPeriod.LastFullWeeks(D(6, 21), IsoDayOfWeek.None));
        Assert.Equal("2025-06-15..2025-06-21 vs 2025-06-08..2025-06-14", windows.ToString());
    }
}
