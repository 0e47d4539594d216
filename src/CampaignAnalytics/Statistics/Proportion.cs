using System;
using System.Globalization;

namespace CampaignAnalytics.Statistics;

/// <summary>
/// A count of successes out of trials, e.g. unique clicks out of deliveries for one variation summed over a window.
/// Sum counts first, then build the proportion: never average daily rates.
/// </summary>
/// <remarks>
/// <c>default(Proportion)</c> is 0 successes out of 0 trials, which is valid and has no <see cref="Rate"/>.
/// </remarks>
public readonly record struct Proportion
{
    /// <summary>Creates a proportion of <paramref name="successes"/> out of <paramref name="trials"/>.</summary>
    /// <param name="successes">The number of successes (a count, zero or more, at most <paramref name="trials"/>).</param>
    /// <param name="trials">The number of trials (a count, zero or more).</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count is negative, or <paramref name="successes"/> is greater than <paramref name="trials"/>.
    /// </exception>
    public Proportion(long successes, long trials)
    {
        Guard.Counts(successes, trials, nameof(successes), nameof(trials));
        Successes = successes;
        Trials = trials;
    }

    /// <summary>The number of successes: a count from 0 to <see cref="Trials"/>.</summary>
    public long Successes { get; }

    /// <summary>The number of trials: a count, zero or more.</summary>
    public long Trials { get; }

    /// <summary>The number of failures, <see cref="Trials"/> − <see cref="Successes"/>.</summary>
    public long Failures => Trials - Successes;

    /// <summary>The rate <see cref="Successes"/> / <see cref="Trials"/> as a fraction in [0, 1]; null when there are no trials.</summary>
    public double? Rate => Trials == 0 ? null : (double)Successes / Trials;

    /// <summary>The proportion as <c>successes/trials</c>, formatted with the invariant culture.</summary>
    /// <returns>For example <c>12/99</c>.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Successes}/{Trials}");
}
