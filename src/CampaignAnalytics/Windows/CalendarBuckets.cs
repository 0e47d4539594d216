using System;
using System.Collections.Generic;
using NodaTime;

namespace CampaignAnalytics.Windows;

/// <summary>
/// Groups a daily series into calendar buckets (ISO weeks with a chosen first day, calendar months, or any
/// date period from an anchor) and aggregates each bucket. See <see cref="Bucket{TResult}"/> for what
/// "missing" and "partial" mean.
/// </summary>
/// <remarks>
/// The range bucketed is <c>range</c> when given, else the series' observed first..last date. One bucket is
/// returned for every calendar bucket that overlaps the range, in date order, including buckets with no data
/// (their <see cref="Bucket{TResult}.DataDays"/> is empty and the aggregation receives an empty list).
/// An empty series with no range gives no buckets.
/// </remarks>
public static class CalendarBuckets
{
    /// <summary>Buckets by week: seven days starting on <paramref name="firstDayOfWeek"/>.</summary>
    /// <typeparam name="T">The daily value.</typeparam>
    /// <typeparam name="TResult">The aggregated value.</typeparam>
    /// <param name="series">The series. Invalid: null.</param>
    /// <param name="aggregate">Aggregates the values of the days with data in a bucket (e.g. <see cref="Aggregates.SumCounts{T}"/>). Invalid: null.</param>
    /// <param name="firstDayOfWeek">The first day of each week: Monday (ISO, the default) or any other day. Invalid: <see cref="IsoDayOfWeek.None"/> or out of range.</param>
    /// <param name="range">The dates to bucket; null for the series' observed range.</param>
    public static IReadOnlyList<Bucket<TResult>> ByWeek<T, TResult>(
        this DailySeries<T> series,
        Func<IReadOnlyList<T>, TResult> aggregate,
        IsoDayOfWeek firstDayOfWeek = IsoDayOfWeek.Monday,
        DateInterval? range = null) =>
        Build(series, WeekOf(firstDayOfWeek), aggregate, range);

    /// <summary>Buckets by calendar month (the 1st to the last day of each month).</summary>
    /// <typeparam name="T">The daily value.</typeparam>
    /// <typeparam name="TResult">The aggregated value.</typeparam>
    /// <param name="series">The series. Invalid: null.</param>
    /// <param name="aggregate">Aggregates the values of the days with data in a bucket. Invalid: null.</param>
    /// <param name="range">The dates to bucket; null for the series' observed range.</param>
    public static IReadOnlyList<Bucket<TResult>> ByMonth<T, TResult>(
        this DailySeries<T> series,
        Func<IReadOnlyList<T>, TResult> aggregate,
        DateInterval? range = null) =>
        Build(series, MonthOf, aggregate, range);

    /// <summary>
    /// Buckets by a date period repeated from an anchor: bucket <c>k</c> starts on <c>anchor + k × period</c>
    /// (k may be negative) and ends the day before bucket <c>k + 1</c> starts. E.g.
    /// <c>Period.FromDays(14)</c> for fortnights, <c>Period.FromMonths(3)</c> anchored on 1 January for quarters.
    /// Month and year multiples are added to the anchor in one step, so an anchor on the 31st gives buckets
    /// starting on the 31st or the month's last day, without drifting.
    /// </summary>
    /// <typeparam name="T">The daily value.</typeparam>
    /// <typeparam name="TResult">The aggregated value.</typeparam>
    /// <param name="series">The series. Invalid: null.</param>
    /// <param name="period">The bucket length. Invalid: null; a time component (hours or smaller); a negative
    /// component; all components zero.</param>
    /// <param name="anchor">A date on which a bucket starts.</param>
    /// <param name="aggregate">Aggregates the values of the days with data in a bucket. Invalid: null.</param>
    /// <param name="range">The dates to bucket; null for the series' observed range.</param>
    public static IReadOnlyList<Bucket<TResult>> ByPeriod<T, TResult>(
        this DailySeries<T> series,
        Period period,
        LocalDate anchor,
        Func<IReadOnlyList<T>, TResult> aggregate,
        DateInterval? range = null) =>
        Build(series, PeriodOf(period, anchor), aggregate, range);

    /// <summary>The week (seven days starting on <paramref name="firstDayOfWeek"/>) containing a date.</summary>
    /// <param name="date">The date.</param>
    /// <param name="firstDayOfWeek">The first day of the week. Invalid: <see cref="IsoDayOfWeek.None"/> or out of range.</param>
    public static DateInterval WeekContaining(LocalDate date, IsoDayOfWeek firstDayOfWeek = IsoDayOfWeek.Monday) =>
        WeekOf(firstDayOfWeek)(date);

    /// <summary>The calendar month containing a date, as a date interval.</summary>
    /// <param name="date">The date.</param>
    public static DateInterval MonthContaining(LocalDate date) => MonthOf(date);

    /// <summary>The bucket of <see cref="ByPeriod"/> containing a date.</summary>
    /// <param name="date">The date.</param>
    /// <param name="period">The bucket length; invalid as in <see cref="ByPeriod"/>.</param>
    /// <param name="anchor">A date on which a bucket starts.</param>
    public static DateInterval PeriodContaining(LocalDate date, Period period, LocalDate anchor) => PeriodOf(period, anchor)(date);

    internal static Func<LocalDate, DateInterval> WeekOf(IsoDayOfWeek firstDayOfWeek)
    {
        if (firstDayOfWeek < IsoDayOfWeek.Monday || firstDayOfWeek > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException(nameof(firstDayOfWeek), firstDayOfWeek, "The first day of the week must be Monday..Sunday.");
        }

        var adjuster = DateAdjusters.PreviousOrSame(firstDayOfWeek);
        return date =>
        {
            var start = date.With(adjuster);
            return new DateInterval(start, start.PlusDays(6));
        };
    }

    internal static DateInterval MonthOf(LocalDate date) =>
        new(date.With(DateAdjusters.StartOfMonth), date.With(DateAdjusters.EndOfMonth));

    internal static Func<LocalDate, DateInterval> PeriodOf(Period period, LocalDate anchor)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.HasTimeComponent)
        {
            throw new ArgumentException("The bucket period must have only date units (years, months, weeks, days); got " + period + ".", nameof(period));
        }

        if (period.Years < 0 || period.Months < 0 || period.Weeks < 0 || period.Days < 0)
        {
            throw new ArgumentException("The bucket period must not have a negative component; got " + period + ".", nameof(period));
        }

        if (period.Years == 0 && period.Months == 0 && period.Weeks == 0 && period.Days == 0)
        {
            throw new ArgumentException("The bucket period must not be zero.", nameof(period));
        }

        if (period.Years == 0 && period.Months == 0)
        {
            // Fixed length: the bucket index is a floor division.
            var length = checked((period.Weeks * 7) + period.Days);
            return date =>
            {
                var k = Math.DivRem(Period.DaysBetween(anchor, date), length, out var rem);
                if (rem < 0)
                {
                    k--;
                }

                var start = anchor.PlusDays(checked(k * length));
                return new DateInterval(start, start.PlusDays(length - 1));
            };
        }

        // Variable length: estimate the bucket index from the mean length, then correct it by stepping.
        var meanDays = (period.Years * 365.2425) + (period.Months * 30.436875) + (period.Weeks * 7) + period.Days;
        return date =>
        {
            var k = (int)Math.Floor(Period.DaysBetween(anchor, date) / meanDays);
            while (StartOf(anchor, period, k) > date)
            {
                k--;
            }

            while (StartOf(anchor, period, k + 1) <= date)
            {
                k++;
            }

            return new DateInterval(StartOf(anchor, period, k), StartOf(anchor, period, k + 1).PlusDays(-1));
        };
    }

    private static LocalDate StartOf(LocalDate anchor, Period period, int k) =>
        anchor.Plus(new PeriodBuilder
        {
            Years = checked(period.Years * k),
            Months = checked(period.Months * k),
            Weeks = checked(period.Weeks * k),
            Days = checked(period.Days * k),
        }.Build());

    internal static IReadOnlyList<Bucket<TResult>> Build<T, TResult>(
        DailySeries<T> series,
        Func<LocalDate, DateInterval> bucketOf,
        Func<IReadOnlyList<T>, TResult> aggregate,
        DateInterval? range)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(aggregate);
        var effective = range ?? series.ObservedRange;
        if (effective is null)
        {
            return [];
        }

        var dates = series.DateArray;
        var values = series.ValueArray;
        var (i, hi) = series.IndexRange(effective);
        var buckets = new List<Bucket<TResult>>();
        var day = effective.Start;
        while (true)
        {
            var interval = bucketOf(day);
            var windowEnd = interval.End < effective.End ? interval.End : effective.End;
            var first = i;
            while (i < hi && dates[i] <= windowEnd)
            {
                i++;
            }

            var count = i - first;
            buckets.Add(new Bucket<TResult>(
                interval,
                new DateInterval(day, windowEnd),
                new ReadOnlySlice<LocalDate>(dates, first, count),
                aggregate(new ReadOnlySlice<T>(values, first, count))));
            if (windowEnd == effective.End)
            {
                return buckets;
            }

            day = windowEnd.PlusDays(1);
        }
    }
}
