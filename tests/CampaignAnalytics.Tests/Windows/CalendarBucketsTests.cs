using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Tests.Windows;

public sealed class CalendarBucketsTests
{
    private static readonly Func<IReadOnlyList<long>, long?> Sum = Aggregates.SumCounts<long>(v => v);

    private static LocalDate D(int m, int d) => new(2025, m, d);

    private static DateInterval I(LocalDate start, LocalDate end) => new(start, end);

    /// <summary>2025-06-04 (Wednesday) .. 2025-06-17 (Tuesday), values 1..14.</summary>
    private static DailySeries<long> TwoWeeksFromWednesday() =>
        DailySeries.Contiguous(D(6, 4), Enumerable.Range(1, 14).Select(i => (long)i));

    [Fact]
    public void Iso_weeks_start_on_monday_and_flag_both_edges()
    {
        var weeks = TwoWeeksFromWednesday().ByWeek(Sum);

        Assert.Equal(3, weeks.Count);

        Assert.Equal(I(D(6, 2), D(6, 8)), weeks[0].Interval);
        Assert.Equal(I(D(6, 4), D(6, 8)), weeks[0].Window);
        Assert.Equal(5, weeks[0].DataDays.Count);
        Assert.Equal(2, weeks[0].DaysOutsideRange);
        Assert.Equal(0, weeks[0].GapDays);
        Assert.Equal(2, weeks[0].MissingDays);
        Assert.True(weeks[0].IsPartial);
        Assert.Equal(1 + 2 + 3 + 4 + 5, weeks[0].Value);

        Assert.Equal(I(D(6, 9), D(6, 15)), weeks[1].Interval);
        Assert.False(weeks[1].IsPartial);
        Assert.Equal(0, weeks[1].MissingDays);
        Assert.Equal(6 + 7 + 8 + 9 + 10 + 11 + 12, weeks[1].Value);

        Assert.Equal(I(D(6, 16), D(6, 22)), weeks[2].Interval);
        Assert.Equal(I(D(6, 16), D(6, 17)), weeks[2].Window);
        Assert.Equal(5, weeks[2].MissingDays);
        Assert.True(weeks[2].IsPartial);
        Assert.Equal(13 + 14, weeks[2].Value);
    }

    [Fact]
    public void Weeks_can_start_on_sunday()
    {
        var weeks = TwoWeeksFromWednesday().ByWeek(Sum, IsoDayOfWeek.Sunday);

        Assert.Equal([I(D(6, 1), D(6, 7)), I(D(6, 8), D(6, 14)), I(D(6, 15), D(6, 21))], weeks.Select(w => w.Interval));
        Assert.Equal([3, 0, 4], weeks.Select(w => w.MissingDays));
        Assert.Equal([1 + 2 + 3 + 4L, 5 + 6 + 7 + 8 + 9 + 10 + 11L, 12 + 13 + 14L], weeks.Select(w => w.Value!.Value));
    }

    [Fact]
    public void Week_containing_a_sunday_differs_by_first_day()
    {
        var sunday = D(6, 15);
        Assert.Equal(I(D(6, 9), D(6, 15)), CalendarBuckets.WeekContaining(sunday));
        Assert.Equal(I(D(6, 15), D(6, 21)), CalendarBuckets.WeekContaining(sunday, IsoDayOfWeek.Sunday));
    }

    [Fact]
    public void Iso_week_spans_the_new_year()
    {
        var series = DailySeries.Contiguous(new LocalDate(2024, 12, 30), new long[] { 1, 1, 1, 1, 1, 1, 1 });
        var week = Assert.Single(series.ByWeek(Sum));
        Assert.Equal(I(new LocalDate(2024, 12, 30), new LocalDate(2025, 1, 5)), week.Interval);
        Assert.False(week.IsPartial);
        Assert.Equal(7, week.Value);
    }

    [Fact]
    public void Gaps_inside_the_range_make_a_bucket_partial_without_zero_filling()
    {
        var series = TwoWeeksFromWednesday().WhereValues(v => v != 8); // drop 2025-06-11
        var weeks = series.ByWeek(Sum);
        Assert.True(weeks[1].IsPartial);
        Assert.Equal(0, weeks[1].DaysOutsideRange);
        Assert.Equal(1, weeks[1].GapDays);
        Assert.DoesNotContain(D(6, 11), weeks[1].DataDays);

        // The aggregation sees only the six days that exist.
        var counts = series.ByWeek(days => days.Count);
        Assert.Equal(6, counts[1].Value);
    }

    [Fact]
    public void Months_follow_the_calendar_through_a_leap_february()
    {
        var series = DailySeries.Contiguous(
            new LocalDate(2024, 1, 15),
            Enumerable.Repeat(1L, Period.DaysBetween(new LocalDate(2024, 1, 15), new LocalDate(2024, 3, 10)) + 1));
        var months = series.ByMonth(Sum);

        Assert.Equal(3, months.Count);
        Assert.Equal(I(new LocalDate(2024, 1, 1), new LocalDate(2024, 1, 31)), months[0].Interval);
        Assert.Equal(14, months[0].DaysOutsideRange);
        Assert.Equal(17, months[0].Value);

        Assert.Equal(I(new LocalDate(2024, 2, 1), new LocalDate(2024, 2, 29)), months[1].Interval);
        Assert.False(months[1].IsPartial);
        Assert.Equal(29, months[1].Value);

        Assert.Equal(I(new LocalDate(2024, 3, 1), new LocalDate(2024, 3, 31)), months[2].Interval);
        Assert.Equal(21, months[2].MissingDays);
        Assert.Equal(10, months[2].Value);
    }

    [Theory]
    [InlineData(2023, 28)]
    [InlineData(2024, 29)]
    [InlineData(2100, 28)]
    [InlineData(2000, 29)]
    public void February_length_follows_leap_years(int year, int days)
    {
        Assert.Equal(days, CalendarBuckets.MonthContaining(new LocalDate(year, 2, 10)).Length);
    }

    [Fact]
    public void Requested_range_wider_than_the_data_gives_empty_buckets_flagged_missing()
    {
        var series = DailySeries.Contiguous(D(6, 10), new long[] { 4, 5 });
        var calls = 0;
        var weeks = series.ByWeek(
            days =>
            {
                calls++;
                return days.Count;
            },
            IsoDayOfWeek.Monday,
            I(D(6, 1), D(6, 30)));

        // Weeks overlapping June: 05-26..06-01, 06-02..08, 09..15, 16..22, 23..29, 06-30..07-06.
        Assert.Equal(6, weeks.Count);
        Assert.Equal(6, calls);
        Assert.Equal([0, 0, 2, 0, 0, 0], weeks.Select(w => w.Value));
        Assert.Equal([7, 7, 5, 7, 7, 7], weeks.Select(w => w.MissingDays));
        Assert.Equal(6, weeks[0].DaysOutsideRange); // only 06-01 is in range
        Assert.Equal(1, weeks[0].GapDays);
        Assert.Null(series.ByWeek(Sum, IsoDayOfWeek.Monday, I(D(7, 1), D(7, 6)))[0].Value);
    }

    [Fact]
    public void Requested_range_narrower_than_the_data_excludes_days_outside_it()
    {
        var weeks = TwoWeeksFromWednesday().ByWeek(Sum, IsoDayOfWeek.Monday, I(D(6, 10), D(6, 12)));
        var week = Assert.Single(weeks);
        Assert.Equal(7 + 8 + 9, week.Value);
        Assert.Equal(4, week.DaysOutsideRange);
        Assert.True(week.IsPartial);
    }

    [Fact]
    public void Empty_series_without_range_gives_no_buckets()
    {
        Assert.Empty(DailySeries<long>.Empty.ByMonth(Sum));
    }

    [Fact]
    public void Fortnights_from_an_anchor_extend_before_it()
    {
        var anchor = new LocalDate(2025, 1, 6);
        Assert.Equal(I(new LocalDate(2024, 12, 23), new LocalDate(2025, 1, 5)), CalendarBuckets.PeriodContaining(new LocalDate(2025, 1, 5), Period.FromDays(14), anchor));
        Assert.Equal(I(anchor, new LocalDate(2025, 1, 19)), CalendarBuckets.PeriodContaining(anchor, Period.FromDays(14), anchor));
        Assert.Equal(I(anchor, new LocalDate(2025, 1, 19)), CalendarBuckets.PeriodContaining(new LocalDate(2025, 1, 19), Period.FromWeeks(2), anchor));

        var series = DailySeries.Contiguous(new LocalDate(2025, 1, 1), Enumerable.Repeat(1L, 31));
        var buckets = series.ByPeriod(Period.FromDays(14), anchor, Sum);
        Assert.Equal([5L, 14L, 12L], buckets.Select(b => b.Value!.Value));
        Assert.Equal([9, 0, 2], buckets.Select(b => b.MissingDays));
    }

    [Fact]
    public void Quarters_are_three_months_from_the_first_of_january()
    {
        var q = Period.FromMonths(3);
        var anchor = new LocalDate(2024, 1, 1);
        Assert.Equal(I(new LocalDate(2024, 1, 1), new LocalDate(2024, 3, 31)), CalendarBuckets.PeriodContaining(new LocalDate(2024, 2, 29), q, anchor));
        Assert.Equal(I(new LocalDate(2025, 10, 1), new LocalDate(2025, 12, 31)), CalendarBuckets.PeriodContaining(new LocalDate(2025, 12, 31), q, anchor));
        Assert.Equal(I(new LocalDate(2023, 7, 1), new LocalDate(2023, 9, 30)), CalendarBuckets.PeriodContaining(new LocalDate(2023, 8, 15), q, anchor));
    }

    [Fact]
    public void Monthly_period_from_the_31st_does_not_drift()
    {
        var anchor = new LocalDate(2025, 1, 31);
        var m = Period.FromMonths(1);
        Assert.Equal(I(new LocalDate(2025, 1, 31), new LocalDate(2025, 2, 27)), CalendarBuckets.PeriodContaining(new LocalDate(2025, 2, 1), m, anchor));
        Assert.Equal(I(new LocalDate(2025, 2, 28), new LocalDate(2025, 3, 30)), CalendarBuckets.PeriodContaining(new LocalDate(2025, 3, 1), m, anchor));
        Assert.Equal(I(new LocalDate(2025, 3, 31), new LocalDate(2025, 4, 29)), CalendarBuckets.PeriodContaining(new LocalDate(2025, 4, 1), m, anchor));
    }

    [Fact]
    public void Invalid_periods_are_rejected()
    {
        var series = TwoWeeksFromWednesday();
        var anchor = D(6, 1);
        Assert.Throws<ArgumentNullException>(() => series.ByPeriod(null!, anchor, Sum));
        Assert.Throws<ArgumentException>(() => series.ByPeriod(Period.FromHours(24), anchor, Sum));
        Assert.Throws<ArgumentException>(() => series.ByPeriod(Period.Zero, anchor, Sum));
        Assert.Throws<ArgumentException>(() => series.ByPeriod(Period.FromDays(-7), anchor, Sum));
        Assert.Throws<ArgumentException>(() => series.ByPeriod(Period.FromMonths(1) - Period.FromDays(1), anchor, Sum));
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        var series = TwoWeeksFromWednesday();
        Assert.Throws<ArgumentOutOfRangeException>(() => series.ByWeek(Sum, IsoDayOfWeek.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => series.ByWeek(Sum, (IsoDayOfWeek)8));
        Assert.Throws<ArgumentNullException>(() => series.ByMonth<long, long?>(null!));
        Assert.Throws<ArgumentNullException>(() => CalendarBuckets.ByMonth(null!, Sum));
    }

    [Fact]
    public void Buckets_compare_by_value()
    {
        Assert.Equal(TwoWeeksFromWednesday().ByWeek(Sum), TwoWeeksFromWednesday().ByWeek(Sum));
    }

    [Fact]
    public void Rate_aggregate_sums_before_dividing()
    {
        // Day 1: 1 of 2 (50 %), day 2: 1 of 100 (1 %): the window's rate is 2/102, not the mean 25.5 %.
        var series = DailySeries.Contiguous(D(6, 2), new[] { (Clicks: 1.0, Delivered: 2.0), (Clicks: 1.0, Delivered: 100.0) });
        var week = Assert.Single(series.ByWeek(Aggregates.Rate<(double Clicks, double Delivered)>(d => d.Clicks, d => d.Delivered)));
        Assert.Equal(2.0 / 102.0, week.Value);

        var zero = DailySeries.Contiguous(D(6, 2), new[] { (Clicks: 0.0, Delivered: 0.0) });
        Assert.Null(Assert.Single(zero.ByWeek(Aggregates.Rate<(double Clicks, double Delivered)>(d => d.Clicks, d => d.Delivered))).Value);
    }

    [Fact]
    public void Sums_skip_absent_values()
    {
        var sum = Aggregates.SumCounts<long?>(v => v);
        Assert.Equal(3, sum([1, null, 2]));
        Assert.Null(sum([null, null]));
        Assert.Null(sum([]));
        var amounts = Aggregates.SumAmounts<double?>(v => v);
        Assert.Equal(1.5, amounts([1.0, null, 0.5]));
        Assert.Null(amounts([]));
    }
}
