using System;
using System.Linq;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Tests.Windows;

public sealed class DailySeriesTests
{
    private static LocalDate D(int m, int d) => new(2025, m, d);

    [Fact]
    public void Values_are_sorted_by_date()
    {
        var series = DailySeries.Of([new DailyValue<long>(D(6, 3), 3), new DailyValue<long>(D(6, 1), 1), new DailyValue<long>(D(6, 2), 2)]);
        Assert.Equal([D(6, 1), D(6, 2), D(6, 3)], series.Dates);
        Assert.Equal([1L, 2L, 3L], series.Values);
        Assert.Equal(new DateInterval(D(6, 1), D(6, 3)), series.ObservedRange);
        Assert.Equal(new DailyValue<long>(D(6, 2), 2), series[1]);
    }

    [Fact]
    public void Duplicate_dates_are_rejected_naming_the_date()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            DailySeries.Of([new DailyValue<long>(D(6, 2), 1), new DailyValue<long>(D(6, 1), 1), new DailyValue<long>(D(6, 2), 5)]));
        Assert.Contains("2025-06-02", ex.Message, StringComparison.Ordinal);
        Assert.Equal("values", ex.ParamName);
    }

    [Fact]
    public void Create_reads_the_date_of_each_item()
    {
        var series = DailySeries.Create(new[] { D(6, 5), D(6, 1) }, d => d);
        Assert.Equal([D(6, 1), D(6, 5)], series.Dates);
        Assert.Throws<ArgumentNullException>(() => DailySeries.Create<LocalDate>(null!, d => d));
        Assert.Throws<ArgumentNullException>(() => DailySeries.Create(new[] { D(6, 1) }, null!));
    }

    [Fact]
    public void Contiguous_series_crosses_month_and_leap_day()
    {
        var series = DailySeries.Contiguous(new LocalDate(2024, 2, 28), new[] { 1L, 2L, 3L });
        Assert.Equal([new LocalDate(2024, 2, 28), new LocalDate(2024, 2, 29), new LocalDate(2024, 3, 1)], series.Dates);
    }

    [Fact]
    public void Within_keeps_the_days_inside_the_interval()
    {
        var series = DailySeries.Contiguous(D(6, 1), Enumerable.Range(1, 10).Select(i => (long)i));
        var inside = series.Within(new DateInterval(D(6, 3), D(6, 5)));
        Assert.Equal([3L, 4L, 5L], inside.Values);
        Assert.Empty(series.Within(new DateInterval(D(7, 1), D(7, 5))));
        Assert.Same(series, series.Within(new DateInterval(D(5, 1), D(7, 1))));
        Assert.Throws<ArgumentNullException>(() => series.Within(null!));
    }

    [Fact]
    public void Index_lookup_is_by_date()
    {
        var series = DailySeries.Of([new DailyValue<long>(D(6, 1), 1), new DailyValue<long>(D(6, 3), 3)]);
        Assert.Equal(1, series.IndexOf(D(6, 3)));
        Assert.Equal(-1, series.IndexOf(D(6, 2)));
        Assert.False(series.Contains(D(6, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => series[2]);
    }

    [Fact]
    public void Select_present_drops_absent_values_instead_of_zeroing_them()
    {
        var series = DailySeries.Contiguous(D(6, 1), new long?[] { 5, null, 7 });
        var present = series.SelectPresent(v => v);
        Assert.Equal([D(6, 1), D(6, 3)], present.Dates);
        Assert.Equal([5L, 7L], present.Values);
    }

    [Fact]
    public void Select_and_where_keep_dates()
    {
        var series = DailySeries.Contiguous(D(6, 1), new[] { 1L, 2L, 3L });
        Assert.Equal([2.0, 4.0, 6.0], series.SelectValues(v => v * 2.0).Values);
        Assert.Equal([D(6, 2)], series.WhereValues(v => v % 2 == 0).Dates);
    }

    [Fact]
    public void Empty_series_has_no_range()
    {
        Assert.Null(DailySeries<long>.Empty.ObservedRange);
        Assert.Equal("DailySeries(empty)", DailySeries<long>.Empty.ToString());
        Assert.Equal("2025-06-01: 1.5", new DailyValue<double>(D(6, 1), 1.5).ToString());
    }
}
