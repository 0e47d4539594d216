using System;
using System.Linq;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Tests.Windows;

public sealed class RollingSumsTests
{
    private static LocalDate D(int m, int d) => new(2025, m, d);

    /// <summary>2025-06-01..06-10 with value = day of month, except 06-04 and 06-05 missing.</summary>
    private static DailySeries<long> WithGap() =>
        DailySeries.Contiguous(D(6, 1), Enumerable.Range(1, 10).Select(i => (long)i)).WhereValues(v => v is not 4 and not 5);

    [Fact]
    public void One_point_per_calendar_day_with_missing_days_counted()
    {
        var points = WithGap().RollingSum(3);

        Assert.Equal(10, points.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(d => D(6, d)), points.Select(p => p.Date));
        Assert.Equal([1L, 3, 6, 5, 3, 6, 13, 21, 24, 27], points.Select(p => p.Sum));
        Assert.Equal([2, 1, 0, 1, 2, 2, 1, 0, 0, 0], points.Select(p => p.MissingDays));
        Assert.Equal(new DateInterval(D(5, 30), D(6, 1)), points[0].Window);
        Assert.False(points[0].IsComplete);
        Assert.True(points[2].IsComplete);
    }

    [Fact]
    public void Window_uses_data_before_the_requested_range()
    {
        var points = WithGap().RollingSum(3, new DateInterval(D(6, 7), D(6, 8)));
        Assert.Equal([13L, 21L], points.Select(p => p.Sum));
        Assert.Equal([1, 0], points.Select(p => p.MissingDays));
    }

    [Fact]
    public void Range_beyond_the_data_is_flagged()
    {
        var points = WithGap().RollingSum(2, new DateInterval(D(6, 10), D(6, 12)));
        Assert.Equal([19L, 10L, 0L], points.Select(p => p.Sum));
        Assert.Equal([0, 1, 2], points.Select(p => p.MissingDays));
    }

    [Fact]
    public void One_day_window_is_the_series_itself()
    {
        var points = WithGap().RollingSum(1);
        Assert.Equal(4, points[3].Date.Day);
        Assert.Equal(0L, points[3].Sum);
        Assert.Equal(1, points[3].MissingDays);
        Assert.Equal(6L, points[5].Sum);
    }

    [Fact]
    public void Rolling_sum_crosses_a_leap_day()
    {
        var series = DailySeries.Contiguous(new LocalDate(2024, 2, 27), new long[] { 1, 2, 3, 4 });
        var last = series.RollingSum(3)[^1];
        Assert.Equal(new LocalDate(2024, 3, 1), last.Date);
        Assert.Equal(new DateInterval(new LocalDate(2024, 2, 28), new LocalDate(2024, 3, 1)), last.Window);
        Assert.Equal(9L, last.Sum);
    }

    [Fact]
    public void Amounts_are_summed_afresh_for_each_window()
    {
        var series = DailySeries.Contiguous(D(6, 1), new[] { 0.1, 0.2, 0.3, 0.0, 0.0 });
        var points = series.RollingSum(2);
        Assert.Equal(5, points.Count);
        Assert.Equal(0.1 + 0.2, points[1].Sum);
        Assert.Equal(0.0, points[4].Sum);
        Assert.Equal(1, points[0].MissingDays);
    }

    [Fact]
    public void Empty_series_without_range_gives_no_points()
    {
        Assert.Empty(DailySeries<long>.Empty.RollingSum(7));
        Assert.Empty(DailySeries<double>.Empty.RollingSum(7));
        var flagged = DailySeries<long>.Empty.RollingSum(7, new DateInterval(D(6, 1), D(6, 2)));
        Assert.Equal([7, 7], flagged.Select(p => p.MissingDays));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Window_length_below_one_is_rejected(int days)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WithGap().RollingSum(days));
        Assert.Throws<ArgumentOutOfRangeException>(() => WithGap().SelectValues(v => (double)v).RollingSum(days));
        Assert.Throws<ArgumentNullException>(() => RollingSums.RollingSum((DailySeries<long>)null!, 7));
    }
}
