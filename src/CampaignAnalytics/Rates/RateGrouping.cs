namespace CampaignAnalytics.Rates;

/// <summary>
/// What a rate is grouped by: campaign, channel, variation (each on or off) and period. A key that is off is
/// summed over, and its column is null in the result.
/// </summary>
/// <param name="ByCampaign">Group by campaign id.</param>
/// <param name="ByChannel">Group by channel key. Off: the same rate name is pooled across channels (e.g. a variation's
/// conversion rate over all its channels, or one push variation over iOS and Android).</param>
/// <param name="ByVariation">Group by variation key (API id, else name; see <see cref="Catalogue.Variations"/>).</param>
/// <param name="Period">The periods; null for <see cref="RatePeriod.Whole"/>.</param>
/// <param name="IncludeControl">Count the control element's rows. Braze's top-level day totals include the control
/// group, so pooled variation rates do too by default; set false to pool only the variations that received a message.</param>
public sealed record RateGrouping(
    bool ByCampaign = true,
    bool ByChannel = true,
    bool ByVariation = true,
    RatePeriod? Period = null,
    bool IncludeControl = true)
{
    /// <summary>Per row: campaign × channel × variation × day.</summary>
    public static RateGrouping PerRow { get; } = new(Period: RatePeriod.Day);

    /// <summary>Per campaign, channel and variation over the whole range (the default).</summary>
    public static RateGrouping PerVariation { get; } = new();

    /// <summary>Per campaign and channel over the whole range, variations pooled.</summary>
    public static RateGrouping PerChannel { get; } = new(ByVariation: false);

    /// <summary>The period, <see cref="RatePeriod.Whole"/> when <see cref="Period"/> is null.</summary>
    public RatePeriod EffectivePeriod => Period ?? RatePeriod.Whole;
}
