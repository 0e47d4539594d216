using System;
using System.Collections.Generic;

namespace CampaignAnalytics.Windows;

/// <summary>
/// Numerator and denominator sums of a rate over the days (or rows) that carry both: the one way rates are summed
/// (<see cref="Aggregates.Rate{T}"/>, <see cref="PeriodOverPeriod"/>, <see cref="Rates.CampaignRates"/>). The rate is
/// always Σnumerator / Σdenominator, never a mean of daily rates.
/// </summary>
internal readonly struct RateSums
{
    private RateSums(double numerator, double denominator, int count)
    {
        Numerator = numerator;
        Denominator = denominator;
        Count = count;
    }

    /// <summary>The sum of the numerators.</summary>
    internal double Numerator { get; }

    /// <summary>The sum of the denominators.</summary>
    internal double Denominator { get; }

    /// <summary>How many days (or rows) were summed.</summary>
    internal int Count { get; }

    /// <summary>Σnumerator / Σdenominator; null when nothing was summed or the denominator sum is 0.</summary>
    internal double? Rate => Count == 0 || Denominator == 0 ? null : Numerator / Denominator;

    /// <summary>These sums plus one day (or row).</summary>
    internal RateSums Add(double numerator, double denominator) => new(Numerator + numerator, Denominator + denominator, Count + 1);

    /// <summary>The sums over <c>values[start..end)</c>, skipping a value that lacks either side.</summary>
    internal static RateSums Of<T>(IReadOnlyList<T> values, int start, int end, Func<T, double?> numerator, Func<T, double?> denominator)
    {
        var sums = default(RateSums);
        for (var i = start; i < end; i++)
        {
            var n = numerator(values[i]);
            var d = denominator(values[i]);
            if (n.HasValue && d.HasValue)
            {
                sums = sums.Add(n.GetValueOrDefault(), d.GetValueOrDefault());
            }
        }

        return sums;
    }
}
