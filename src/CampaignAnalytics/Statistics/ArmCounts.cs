using System;

namespace CampaignAnalytics.Statistics;

/// <summary>
/// One arm (variation or control) of a campaign comparison: counts summed over the analysis window.
/// </summary>
public sealed record ArmCounts
{
    /// <summary>Creates an arm.</summary>
    /// <param name="variationKey">The variation's key (Braze's <c>variation_api_id</c> or a name you choose); not null.</param>
    /// <param name="variationName">The display name, or null.</param>
    /// <param name="trials">The denominator of the compared rate, e.g. unique recipients or deliveries (a count, zero or more).</param>
    /// <param name="successes">The numerator, e.g. conversions or unique clicks (a count, zero to <paramref name="trials"/>).</param>
    /// <param name="exposure">
    /// The count the intended split applies to, for the sample-ratio check (e.g. sends or enrolments; zero or more),
    /// or null to use <paramref name="trials"/>.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="variationKey"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or successes exceed trials.</exception>
    public ArmCounts(string variationKey, string? variationName, long trials, long successes, long? exposure = null)
    {
        ArgumentNullException.ThrowIfNull(variationKey);
        Guard.Counts(successes, trials, nameof(successes), nameof(trials));
        if (exposure < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exposure), exposure,
                Guard.Format($"Exposure must be zero or positive; got {exposure}."));
        }

        VariationKey = variationKey;
        VariationName = variationName;
        Trials = trials;
        Successes = successes;
        Exposure = exposure;
    }

    /// <summary>The variation's key.</summary>
    public string VariationKey { get; }

    /// <summary>The display name, or null.</summary>
    public string? VariationName { get; }

    /// <summary>The denominator of the compared rate (a count, zero or more).</summary>
    public long Trials { get; }

    /// <summary>The numerator of the compared rate (a count, zero to <see cref="Trials"/>).</summary>
    public long Successes { get; }

    /// <summary>The count the intended split applies to (for the sample-ratio check), or null.</summary>
    public long? Exposure { get; }

    /// <summary>The arm's successes and trials.</summary>
    public Proportion Proportion => new(Successes, Trials);
}
