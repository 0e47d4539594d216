using System;
using System.Collections.Generic;
using System.Text;
using CampaignAnalytics.Serialization;
using NodaTime;

namespace CampaignAnalytics.Windows;

/// <summary>One point of a rolling sum: the sum over the <c>N</c> calendar days ending on <see cref="Date"/>.</summary>
/// <typeparam name="TValue">The summed value: <see cref="long"/> for counts, <see cref="double"/> for amounts.</typeparam>
/// <remarks>A missing day adds zero to <see cref="Sum"/> and is counted in <see cref="MissingDays"/>: read
/// <see cref="IsComplete"/> before comparing points.</remarks>
public sealed record RollingPoint<TValue>
{
    internal RollingPoint(LocalDate date, DateInterval window, TValue sum, int daysWithData)
    {
        Date = date;
        Window = window;
        Sum = sum;
        DaysWithData = daysWithData;
    }

    /// <summary>The last day of the window; the point's position on a chart.</summary>
    public LocalDate Date { get; }

    /// <summary>The <c>N</c> calendar days summed, ending on <see cref="Date"/>.</summary>
    public DateInterval Window { get; }

    /// <summary>The sum of the values of the days of <see cref="Window"/> that have data (missing days add zero).</summary>
    public TValue Sum { get; }

    /// <summary>The days of <see cref="Window"/> that have a value.</summary>
    public int DaysWithData { get; }

    /// <summary>The days of <see cref="Window"/> without a value, counted as zero in <see cref="Sum"/>.</summary>
    public int MissingDays => Window.Length - DaysWithData;

    /// <summary>True when every day of <see cref="Window"/> has a value.</summary>
    public bool IsComplete => MissingDays == 0;

    /// <summary>The point printed by the record's ToString, culture-independent (dates yyyy-MM-dd, the window as start..end, numbers round-trip).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Date), Date),
            (nameof(Window), Window),
            (nameof(Sum), Sum),
            (nameof(DaysWithData), DaysWithData),
            (nameof(MissingDays), MissingDays),
            (nameof(IsComplete), IsComplete));
}

/// <summary>
/// Rolling <c>N</c>-day sums over calendar days. Output: one point per calendar day of the range (the given
/// range, else the series' observed range), each summing the <c>N</c> days ending on it, including days before
/// the range when the series has them. This is the one place where a missing day counts as zero; every point
/// says how many of its days were missing.
/// </summary>
public static class RollingSums
{
    /// <summary>Rolling sums of a count series.</summary>
    /// <param name="series">The series. Invalid: null.</param>
    /// <param name="days">The window length N in days. Invalid: less than 1.</param>
    /// <param name="range">The days to output a point for; null for the series' observed range (no points when the series is empty).</param>
    /// <returns>One point per day of the range, ascending. Throws <see cref="CountOverflowException"/> (an <see cref="OverflowException"/>) if a window's sum exceeds <see cref="long.MaxValue"/>.</returns>
    public static IReadOnlyList<RollingPoint<long>> RollingSum(this DailySeries<long> series, int days, DateInterval? range = null)
    {
        var plan = Plan(series, days, range);
        if (plan is null)
        {
            return [];
        }

        var (first, effective, values, present) = plan.Value;
        var points = new RollingPoint<long>[effective.Length];
        long sum = 0;
        var count = 0;
        var date = effective.Start;
        for (var j = 0; j < values.Length; j++)
        {
            // A sliding sum, exact for integers: the day leaving the window goes before the day entering it, so only
            // a window's own sum can overflow.
            if (j >= days)
            {
                sum -= values[j - days];
                count -= present[j - days] ? 1 : 0;
            }

            if (!CountOverflowException.TryAdd(sum, values[j], out sum))
            {
                throw new CountOverflowException(null, null, null, new DateInterval(first.PlusDays(Math.Max(0, j - days + 1)), first.PlusDays(j)));
            }

            count += present[j] ? 1 : 0;

            if (j >= days - 1)
            {
                points[j - days + 1] = new RollingPoint<long>(date, new DateInterval(first.PlusDays(j - days + 1), date), sum, count);
                if (date != effective.End)
                {
                    date = date.PlusDays(1);
                }
            }
        }

        return points;
    }

    /// <summary>Rolling sums of an amount series (e.g. revenue in US dollars).</summary>
    /// <param name="series">The series. Invalid: null.</param>
    /// <param name="days">The window length N in days. Invalid: less than 1.</param>
    /// <param name="range">The days to output a point for; null for the series' observed range (no points when the series is empty).</param>
    /// <returns>One point per day of the range, ascending. Each sum is added afresh over its window, so a window of
    /// zeros sums to exactly zero (no drift from a sliding subtraction).</returns>
    public static IReadOnlyList<RollingPoint<double>> RollingSum(this DailySeries<double> series, int days, DateInterval? range = null)
    {
        var plan = Plan(series, days, range);
        if (plan is null)
        {
            return [];
        }

        var (first, effective, values, present) = plan.Value;
        var points = new RollingPoint<double>[effective.Length];
        var date = effective.Start;
        for (var p = 0; p < points.Length; p++)
        {
            double sum = 0;
            var count = 0;
            for (var j = p; j < p + days; j++)
            {
                sum += values[j];
                count += present[j] ? 1 : 0;
            }

            points[p] = new RollingPoint<double>(date, new DateInterval(first.PlusDays(p), date), sum, count);
            if (date != effective.End)
            {
                date = date.PlusDays(1);
            }
        }

        return points;
    }

    /// <summary>
    /// Lays the series out densely over [range start − (N − 1), range end]: index 0 is <c>First</c>; missing
    /// days hold zero and <c>false</c>.
    /// </summary>
    private static (LocalDate First, DateInterval Range, TValue[] Values, bool[] Present)? Plan<TValue>(
        DailySeries<TValue> series, int days, DateInterval? range)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var effective = range ?? series.ObservedRange;
        if (effective is null)
        {
            return null;
        }

        var first = effective.Start.PlusDays(1 - days);
        var total = checked(effective.Length + days - 1);
        var values = new TValue[total];
        var present = new bool[total];
        var dates = series.DateArray;
        var source = series.ValueArray;
        var (lo, hi) = series.IndexRange(new DateInterval(first, effective.End));
        for (var i = lo; i < hi; i++)
        {
            var k = Period.DaysBetween(first, dates[i]);
            values[k] = source[i];
            present[k] = true;
        }

        return (first, effective, values, present);
    }
}
