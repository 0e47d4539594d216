using System;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Tests.Windows;

public sealed class DateWindowsTests
{
    [Fact]
    public void Trailing_days_end_on_the_given_day_inclusive()
    {
        Assert.Equal(
            new DateInterval(new LocalDate(2025, 6, 15), new LocalDate(2025, 6, 21)),
            DateWindows.TrailingDays(7, new LocalDate(2025, 6, 21)));
        Assert.Equal(1, DateWindows.TrailingDays(1, new LocalDate(2025, 6, 21)).Length);
    }

    [Fact]
    public void Trailing_days_cross_a_leap_day()
    {
        Assert.Equal(new LocalDate(2024, 2, 28), DateWindows.TrailingDays(3, new LocalDate(2024, 3, 1)).Start);
        Assert.Equal(new LocalDate(2023, 2, 27), DateWindows.TrailingDays(3, new LocalDate(2023, 3, 1)).Start);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-7)]
    public void Trailing_days_rejects_fewer_than_one_day(int days)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DateWindows.TrailingDays(days, new LocalDate(2025, 6, 21)));
        Assert.Equal("days", ex.ParamName);
    }

    [Fact]
    public void Split_counts_back_from_the_end_without_gaps_or_overlaps()
    {
        var year = new DateInterval(new LocalDate(2024, 1, 1), new LocalDate(2024, 12, 31)); // 366 days
        var pieces = DateWindows.Split(year, 100);
        Assert.Equal([66, 100, 100, 100], new[] { pieces[0].Length, pieces[1].Length, pieces[2].Length, pieces[3].Length });
        Assert.Equal(year.Start, pieces[0].Start);
        Assert.Equal(year.End, pieces[3].End);
        for (var i = 1; i < pieces.Count; i++)
        {
            Assert.Equal(pieces[i - 1].End.PlusDays(1), pieces[i].Start);
        }
    }

    [Fact]
    public void Split_pieces_map_to_braze_requests()
    {
        var pieces = DateWindows.Split(new DateInterval(new LocalDate(2025, 6, 19), new LocalDate(2025, 6, 21)), 100);
        var only = Assert.Single(pieces);
        var endingAt = ReportZone.Utc.EndingAtFor(only.End);
        Assert.Equal(only, ReportZone.Utc.DaysReturnedFor(endingAt, only.Length));
    }

    [Fact]
    public void Split_validates_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => DateWindows.Split(null!, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => DateWindows.Split(DateWindows.TrailingDays(3, new LocalDate(2025, 1, 1)), 0));
    }
}
