using System;
using System.Collections.Generic;
using NodaTime;

namespace CampaignAnalytics.Windows;

/// <summary>Calendar windows: trailing days and splitting a range into requests.</summary>
public static class DateWindows
{
    /// <summary>The <paramref name="days"/> calendar days ending on <paramref name="endingOn"/>, both ends inclusive
    /// (7 days ending 2025-06-21 is 2025-06-15..2025-06-21).</summary>
    /// <param name="days">The number of days. Invalid: less than 1 (<see cref="ArgumentOutOfRangeException"/>).</param>
    /// <param name="endingOn">The last day of the window.</param>
    public static DateInterval TrailingDays(int days, LocalDate endingOn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return new DateInterval(endingOn.PlusDays(1 - days), endingOn);
    }

    /// <summary>
    /// Splits an interval into consecutive pieces of at most <paramref name="maxDays"/> days, counted back from its
    /// end (the earliest piece is the short one), returned in ascending order with no day missing or doubled. With
    /// <paramref name="maxDays"/> 100 each piece is one Braze request: <c>length</c> = the piece's length and
    /// <c>ending_at</c> = <see cref="ReportZone.EndingAtFor"/> of its end.
    /// </summary>
    /// <param name="interval">The interval to split. Invalid: null.</param>
    /// <param name="maxDays">The largest piece in days. Invalid: less than 1.</param>
    public static IReadOnlyList<DateInterval> Split(DateInterval interval, int maxDays)
    {
        ArgumentNullException.ThrowIfNull(interval);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDays, 1);
        var pieces = new List<DateInterval>(interval.Length / maxDays + 1);
        var end = interval.End;
        while (true)
        {
            var remaining = Period.DaysBetween(interval.Start, end) + 1;
            if (remaining <= maxDays)
            {
                pieces.Add(new DateInterval(interval.Start, end));
                break;
            }

            var start = end.PlusDays(1 - maxDays);
            pieces.Add(new DateInterval(start, end));
            end = start.PlusDays(-1);
        }

        pieces.Reverse();
        return pieces;
    }
}
