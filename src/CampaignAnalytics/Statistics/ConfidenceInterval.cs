using CampaignAnalytics.Invariant;

namespace CampaignAnalytics.Statistics;

/// <summary>
/// A two-sided confidence interval, in the unit of the estimate it bounds
/// (a rate as a fraction in [0, 1], or a difference of rates as a fraction in [−1, 1]).
/// </summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound, never below <paramref name="Lower"/>.</param>
public sealed record ConfidenceInterval(double Lower, double Upper)
{
    /// <summary>The interval as <c>[lower, upper]</c> with round-trip precision and the invariant culture.</summary>
    /// <returns>For example <c>[0.0707, 0.2]</c>.</returns>
    public override string ToString() =>
        "[" + InvariantText.Number(Lower) + ", " + InvariantText.Number(Upper) + "]";
}
