using System;
using System.Collections.Generic;

namespace CampaignAnalytics.Windows;

/// <summary>
/// Numerator and denominator sums of a rate over the days (or rows) that carry both: the one way rates are summed
/// (<see cref="Aggregates.Rate{T}"/>, <see cref="PeriodOverPeriod"/>, <see cref="Rates.CampaignRates"/>). The rate is
/// always Σnumerator / Σdenominator, never a mean of daily rates. Counts are summed exactly as integers (past
/// <see cref="long.MaxValue"/> the caller throws <see cref="CountOverflowException"/>), amounts as doubles.
/// </summary>
internal readonly struct RateSums
{
    private readonly long _numeratorCounts;
    private readonly long _denominatorCounts;
    private readonly double _numeratorAmounts;
    private readonly double _denominatorAmounts;

    private RateSums(long numeratorCounts, long denominatorCounts, double numeratorAmounts, double denominatorAmounts, int count)
    {
        _numeratorCounts = numeratorCounts;
        _denominatorCounts = denominatorCounts;
        _numeratorAmounts = numeratorAmounts;
        _denominatorAmounts = denominatorAmounts;
        Count = count;
    }

    /// <summary>Which side of the rate a sum of counts overflowed on.</summary>
    internal enum Side
    {
        /// <summary>Neither: the sums are valid.</summary>
        None,

        /// <summary>The numerator.</summary>
        Numerator,

        /// <summary>The denominator.</summary>
        Denominator,
    }

    /// <summary>The sum of the numerators.</summary>
    internal double Numerator => _numeratorCounts + _numeratorAmounts;

    /// <summary>The sum of the denominators.</summary>
    internal double Denominator => _denominatorCounts + _denominatorAmounts;

    /// <summary>How many days (or rows) were summed.</summary>
    internal int Count { get; }

    /// <summary>Σnumerator / Σdenominator; null when nothing was summed or the denominator sum is 0.</summary>
    internal double? Rate => Count == 0 || Denominator == 0 ? null : Numerator / Denominator;

    /// <summary>These sums plus one day (or row) of amounts.</summary>
    internal RateSums Add(double numerator, double denominator) =>
        new(_numeratorCounts, _denominatorCounts, _numeratorAmounts + numerator, _denominatorAmounts + denominator, Count + 1);

    /// <summary>
    /// These sums plus one day (or row) of counts, summed exactly; when a sum would exceed
    /// <see cref="long.MaxValue"/>, <paramref name="overflow"/> tells which and the sums are returned unchanged.
    /// </summary>
    internal RateSums AddCounts(long numerator, long denominator, out Side overflow)
    {
        if (!CountOverflowException.TryAdd(_numeratorCounts, numerator, out var n))
        {
            overflow = Side.Numerator;
            return this;
        }

        if (!CountOverflowException.TryAdd(_denominatorCounts, denominator, out var d))
        {
            overflow = Side.Denominator;
            return this;
        }

        overflow = Side.None;
        return new(n, d, _numeratorAmounts, _denominatorAmounts, Count + 1);
    }

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
