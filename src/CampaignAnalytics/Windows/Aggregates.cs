using System;
using System.Collections.Generic;

namespace CampaignAnalytics.Windows;

/// <summary>
/// Ready-made aggregations for <see cref="CalendarBuckets"/>: sums that skip absent values (an absent
/// value is not a zero) and rates as the sum of numerators over the sum of denominators.
/// </summary>
public static class Aggregates
{
    /// <summary>The sum of a count over the days given; null when no day carries the count.</summary>
    /// <typeparam name="T">The daily value.</typeparam>
    /// <param name="count">Reads the count of one day; null when absent. Invalid: null.</param>
    /// <returns>An aggregation; it throws <see cref="CountOverflowException"/> (an <see cref="OverflowException"/>) if the sum exceeds <see cref="long.MaxValue"/>.</returns>
    public static Func<IReadOnlyList<T>, long?> SumCounts<T>(Func<T, long?> count)
    {
        ArgumentNullException.ThrowIfNull(count);
        return days =>
        {
            long sum = 0;
            var any = false;
            for (var i = 0; i < days.Count; i++)
            {
                var v = count(days[i]);
                if (v.HasValue)
                {
                    if (!CountOverflowException.TryAdd(sum, v.GetValueOrDefault(), out sum))
                    {
                        throw new CountOverflowException(null, null, null, null);
                    }

                    any = true;
                }
            }

            return any ? sum : null;
        };
    }

    /// <summary>The sum of an amount (e.g. revenue in US dollars) over the days given; null when no day carries it.</summary>
    /// <typeparam name="T">The daily value.</typeparam>
    /// <param name="amount">Reads the amount of one day; null when absent. Invalid: null.</param>
    public static Func<IReadOnlyList<T>, double?> SumAmounts<T>(Func<T, double?> amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        return days =>
        {
            double sum = 0;
            var any = false;
            for (var i = 0; i < days.Count; i++)
            {
                var v = amount(days[i]);
                if (v.HasValue)
                {
                    sum += v.GetValueOrDefault();
                    any = true;
                }
            }

            return any ? sum : null;
        };
    }

    /// <summary>
    /// A rate over the days given: the sum of numerators over the sum of denominators (never a mean of daily
    /// rates), as a fraction (0.25 is 25 %). Only days carrying both values are summed. Null when the
    /// denominator sum is zero or no day carries both.
    /// </summary>
    /// <typeparam name="T">The daily value.</typeparam>
    /// <param name="numerator">Reads the successes of one day (e.g. <c>unique_clicks</c>); null when absent. Invalid: null.</param>
    /// <param name="denominator">Reads the trials of one day (e.g. <c>delivered</c>); null when absent. Invalid: null.</param>
    public static Func<IReadOnlyList<T>, double?> Rate<T>(Func<T, double?> numerator, Func<T, double?> denominator)
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        return days =>
        {
            var sums = RateSums.Of(days, 0, days.Count, numerator, denominator);
            return sums.Rate;
        };
    }

    /// <summary>
    /// <see cref="Rate{T}(Func{T, double?}, Func{T, double?})"/> over two counts (e.g. a generated model's <c>long?</c>
    /// properties), without the caller converting <c>long?</c> to <c>double?</c> (implicit in C#, not in F#).
    /// </summary>
    /// <typeparam name="T">The daily value.</typeparam>
    /// <param name="numerator">Reads the successes of one day (e.g. <c>unique_clicks</c>); null when absent. Invalid: null.</param>
    /// <param name="denominator">Reads the trials of one day (e.g. <c>delivered</c>); null when absent. Invalid: null.</param>
    /// <returns>An aggregation; the counts are summed exactly, and it throws <see cref="CountOverflowException"/> if a sum exceeds <see cref="long.MaxValue"/>.</returns>
    public static Func<IReadOnlyList<T>, double?> RateOfCounts<T>(Func<T, long?> numerator, Func<T, long?> denominator)
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        return days =>
        {
            var sums = default(RateSums);
            for (var i = 0; i < days.Count; i++)
            {
                if (numerator(days[i]) is long n && denominator(days[i]) is long d)
                {
                    sums = sums.AddCounts(n, d, out var overflow);
                    if (overflow != RateSums.Side.None)
                    {
                        throw new CountOverflowException(null, null, null, null);
                    }
                }
            }

            return sums.Rate;
        };
    }
}
