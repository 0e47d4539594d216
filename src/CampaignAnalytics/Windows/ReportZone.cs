using System;
using NodaTime;

namespace CampaignAnalytics.Windows;

/// <summary>
/// The time zone in which calendar days are counted: turns instants (such as Braze's <c>ending_at</c>)
/// into dates, says which date is "today", and gives the <c>ending_at</c> that asks Braze for the days
/// ending on a given date.
/// </summary>
/// <remarks>
/// It must be the zone Braze counts the series' days in (the workspace's time zone, or UTC); otherwise
/// the dates of the series and the dates computed here disagree by a day around midnight.
/// Two report zones are equal when they wrap the same <see cref="DateTimeZone"/> instance (TZDB zones are cached).
/// </remarks>
public sealed record ReportZone
{
    /// <summary>Creates a report zone.</summary>
    /// <param name="zone">The time zone. Invalid: null.</param>
    public ReportZone(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
    }

    /// <summary>The report zone of UTC: days run from 00:00Z to 24:00Z.</summary>
    public static ReportZone Utc { get; } = new(DateTimeZone.Utc);

    /// <summary>The wrapped time zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The report zone of a TZDB id such as <c>America/New_York</c>, <c>Europe/Berlin</c> or <c>UTC</c>.</summary>
    /// <param name="id">The TZDB id, matched exactly (ordinal, case-sensitive). Invalid: null
    /// (<see cref="ArgumentNullException"/>); an id the TZDB does not know (<see cref="ArgumentException"/>).</param>
    public static ReportZone FromTzdbId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
        if (zone is null)
        {
            throw new ArgumentException(
                "Unknown time zone id '" + id + "': expected a TZDB id such as 'America/New_York', 'Europe/Berlin' or 'UTC' (TZDB "
                + DateTimeZoneProviders.Tzdb.VersionId + ").",
                nameof(id));
        }

        return new ReportZone(zone);
    }

    /// <summary>The calendar date of an instant in this zone.</summary>
    /// <param name="instant">The instant.</param>
    public LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;

    /// <summary>The calendar date, in this zone, of the instant an offset date-time denotes (its own offset
    /// only locates the instant; the date is this zone's).</summary>
    /// <param name="value">The offset date-time, e.g. Braze's <c>ending_at</c>.</param>
    public LocalDate DateOf(OffsetDateTime value) => DateOf(value.ToInstant());

    /// <summary>Today's date in this zone, according to a clock.</summary>
    /// <param name="clock">The clock (<see cref="SystemClock.Instance"/> in production, a fake clock in tests). Invalid: null.</param>
    public LocalDate Today(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetCurrentInstant());
    }

    /// <summary>The first instant of a date in this zone (usually midnight; later when a DST gap skips midnight).</summary>
    /// <param name="date">The date.</param>
    public ZonedDateTime StartOfDay(LocalDate date) => Zone.AtStartOfDay(date);

    /// <summary>
    /// The <c>ending_at</c> that makes Braze return the days ending on <paramref name="lastDay"/>: the start
    /// of the following day in this zone, with this zone's offset at that instant. Braze returns the
    /// <c>length</c> days before a midnight <c>ending_at</c> (ending_at 2025-06-22T00:00:00Z, length 3 gives
    /// 2025-06-19, 06-20 and 06-21).
    /// </summary>
    /// <param name="lastDay">The last day wanted. Invalid: <see cref="LocalDate.MaxIsoValue"/> (it has no following day).</param>
    public OffsetDateTime EndingAtFor(LocalDate lastDay) => StartOfDay(lastDay.PlusDays(1)).ToOffsetDateTime();

    /// <summary>
    /// The days Braze returns for an <c>ending_at</c> and a <c>length</c>: <paramref name="length"/> days whose
    /// last is the day, in this zone, of the instant just before <paramref name="endingAt"/>. For a midnight
    /// <c>ending_at</c> that is the previous day (the behaviour observed); for any other time it is the day of
    /// <c>ending_at</c> itself (assumed: the documented example <c>2020-06-28T23:59:59-05:00</c> means to include 06-28).
    /// </summary>
    /// <param name="endingAt">The <c>ending_at</c> sent.</param>
    /// <param name="length">The number of days asked for. Invalid: less than 1. Braze accepts at most 100; that cap is not enforced here.</param>
    public DateInterval DaysReturnedFor(OffsetDateTime endingAt, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var lastDay = DateOf(endingAt.ToInstant() - Duration.Epsilon);
        return new DateInterval(lastDay.PlusDays(1 - length), lastDay);
    }

    /// <summary>The zone's id, e.g. <c>America/New_York</c>.</summary>
    public override string ToString() => Zone.Id;
}
