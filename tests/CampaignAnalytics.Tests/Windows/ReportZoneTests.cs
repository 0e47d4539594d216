using System;
using CampaignAnalytics.Windows;
using NodaTime;
using NodaTime.Testing;

namespace CampaignAnalytics.Tests.Windows;

public sealed class ReportZoneTests
{
    private static readonly ReportZone NewYork = ReportZone.FromTzdbId("America/New_York");

    private static Instant Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => Instant.FromUtc(y, mo, d, h, mi, s);

    [Fact]
    public void Default_zone_is_utc()
    {
        Assert.Equal(DateTimeZone.Utc, ReportZone.Utc.Zone);
        Assert.Equal("UTC", ReportZone.Utc.ToString());
    }

    [Fact]
    public void Unknown_tzdb_id_is_rejected_naming_the_id()
    {
        var ex = Assert.Throws<ArgumentException>(() => ReportZone.FromTzdbId("Mars/Olympus_Mons"));
        Assert.Equal("id", ex.ParamName);
        Assert.Contains("'Mars/Olympus_Mons'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tzdb_ids_are_matched_case_sensitively()
    {
        Assert.Throws<ArgumentException>(() => ReportZone.FromTzdbId("america/new_york"));
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => ReportZone.FromTzdbId(null!));
        Assert.Throws<ArgumentNullException>(() => new ReportZone(null!));
        Assert.Throws<ArgumentNullException>(() => ReportZone.Utc.Today(null!));
    }

    [Fact]
    public void Ending_at_example_of_the_spec()
    {
        // ending_at 2025-06-22T00:00:00Z, length 3 -> 06-19, 06-20, 06-21.
        var endingAt = ReportZone.Utc.EndingAtFor(new LocalDate(2025, 6, 21));
        Assert.Equal(new OffsetDateTime(new LocalDateTime(2025, 6, 22, 0, 0), Offset.Zero), endingAt);
        Assert.Equal(
            new DateInterval(new LocalDate(2025, 6, 19), new LocalDate(2025, 6, 21)),
            ReportZone.Utc.DaysReturnedFor(endingAt, 3));
    }

    [Fact]
    public void Ending_at_not_at_midnight_includes_its_own_day()
    {
        // The documented example 2020-06-28T23:59:59-05:00, read in a zone whose offset is -05:00 in June.
        var chicago = ReportZone.FromTzdbId("America/Chicago");
        var endingAt = new OffsetDateTime(new LocalDateTime(2020, 6, 28, 23, 59, 59), Offset.FromHours(-5));
        Assert.Equal(
            new DateInterval(new LocalDate(2020, 6, 27), new LocalDate(2020, 6, 28)),
            chicago.DaysReturnedFor(endingAt, 2));
    }

    [Fact]
    public void Days_returned_rejects_a_length_below_one()
    {
        var endingAt = ReportZone.Utc.EndingAtFor(new LocalDate(2025, 6, 21));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportZone.Utc.DaysReturnedFor(endingAt, 0));
    }

    [Fact]
    public void Ending_at_uses_the_offset_of_the_following_day_across_spring_forward()
    {
        // 2025-03-09: New York goes from -05:00 to -04:00 at 02:00.
        Assert.Equal(
            new OffsetDateTime(new LocalDateTime(2025, 3, 9, 0, 0), Offset.FromHours(-5)),
            NewYork.EndingAtFor(new LocalDate(2025, 3, 8)));
        Assert.Equal(
            new OffsetDateTime(new LocalDateTime(2025, 3, 10, 0, 0), Offset.FromHours(-4)),
            NewYork.EndingAtFor(new LocalDate(2025, 3, 9)));

        // The 23-hour day round-trips: the days returned for its ending_at end on it.
        var endingAt = NewYork.EndingAtFor(new LocalDate(2025, 3, 9));
        Assert.Equal(new DateInterval(new LocalDate(2025, 3, 9), new LocalDate(2025, 3, 9)), NewYork.DaysReturnedFor(endingAt, 1));
        Assert.Equal(
            Duration.FromHours(23),
            NewYork.StartOfDay(new LocalDate(2025, 3, 10)).ToInstant() - NewYork.StartOfDay(new LocalDate(2025, 3, 9)).ToInstant());
    }

    [Fact]
    public void Ending_at_across_fall_back()
    {
        // 2025-11-02: New York goes from -04:00 to -05:00 at 02:00; the day has 25 hours.
        Assert.Equal(
            new OffsetDateTime(new LocalDateTime(2025, 11, 2, 0, 0), Offset.FromHours(-4)),
            NewYork.EndingAtFor(new LocalDate(2025, 11, 1)));
        Assert.Equal(
            new OffsetDateTime(new LocalDateTime(2025, 11, 3, 0, 0), Offset.FromHours(-5)),
            NewYork.EndingAtFor(new LocalDate(2025, 11, 2)));
        Assert.Equal(
            Duration.FromHours(25),
            NewYork.StartOfDay(new LocalDate(2025, 11, 3)).ToInstant() - NewYork.StartOfDay(new LocalDate(2025, 11, 2)).ToInstant());
    }

    [Fact]
    public void Ending_at_when_dst_skips_midnight_is_the_first_instant_of_the_day()
    {
        // Sao Paulo started DST at 00:00 on 2018-11-04: the day began at 01:00 -02:00.
        var saoPaulo = ReportZone.FromTzdbId("America/Sao_Paulo");
        Assert.Equal(
            new OffsetDateTime(new LocalDateTime(2018, 11, 4, 1, 0), Offset.FromHours(-2)),
            saoPaulo.EndingAtFor(new LocalDate(2018, 11, 3)));
    }

    [Theory]
    [InlineData(2025, 3, 9, 4, 59, 59, 2025, 3, 8)] // 23:59:59 EST
    [InlineData(2025, 3, 9, 5, 0, 0, 2025, 3, 9)] // 00:00 EST
    [InlineData(2025, 3, 9, 7, 0, 0, 2025, 3, 9)] // 03:00 EDT, just after the gap
    [InlineData(2025, 3, 10, 3, 59, 59, 2025, 3, 9)] // 23:59:59 EDT
    [InlineData(2025, 3, 10, 4, 0, 0, 2025, 3, 10)] // 00:00 EDT
    [InlineData(2025, 11, 2, 5, 30, 0, 2025, 11, 2)] // 01:30 EDT (first pass)
    [InlineData(2025, 11, 2, 6, 30, 0, 2025, 11, 2)] // 01:30 EST (second pass)
    [InlineData(2025, 11, 3, 4, 59, 59, 2025, 11, 2)] // 23:59:59 EST
    public void Instants_become_new_york_dates_around_dst_changes(int y, int mo, int d, int h, int mi, int s, int ey, int em, int ed)
    {
        Assert.Equal(new LocalDate(ey, em, ed), NewYork.DateOf(Utc(y, mo, d, h, mi, s)));
    }

    [Fact]
    public void Offset_date_times_are_read_as_instants_in_the_report_zone()
    {
        // 2025-06-22T00:00Z is 20:00 on 06-21 in New York; its own offset only locates the instant.
        var value = new OffsetDateTime(new LocalDateTime(2025, 6, 22, 0, 0), Offset.Zero);
        Assert.Equal(new LocalDate(2025, 6, 21), NewYork.DateOf(value));
        Assert.Equal(new LocalDate(2025, 6, 22), ReportZone.Utc.DateOf(value));
    }

    [Fact]
    public void Today_comes_from_the_clock_in_the_zone()
    {
        var clock = new FakeClock(Utc(2025, 6, 22, 3, 0));
        Assert.Equal(new LocalDate(2025, 6, 21), NewYork.Today(clock));
        Assert.Equal(new LocalDate(2025, 6, 22), ReportZone.Utc.Today(clock));
    }

    [Fact]
    public void Zones_from_the_same_id_are_equal()
    {
        Assert.Equal(ReportZone.FromTzdbId("Europe/Berlin"), ReportZone.FromTzdbId("Europe/Berlin"));
        Assert.NotEqual(ReportZone.FromTzdbId("Europe/Berlin"), ReportZone.Utc);
    }
}
