using System;

namespace CampaignAnalytics.Statistics;

/// <summary>The Wilson score confidence interval for a single rate (as statsmodels' <c>proportion_confint(method="wilson")</c>).</summary>
public static class Wilson
{
    /// <summary>
    /// The Wilson score interval for the rate of <paramref name="proportion"/>, as fractions in [0, 1].
    /// </summary>
    /// <param name="proportion">The successes and trials.</param>
    /// <param name="confidenceLevel">The two-sided confidence level, strictly between 0 and 1; 0.95 by default.</param>
    /// <returns>
    /// The interval; null when there are no trials (no rate, so no interval). With 0 successes the lower bound
    /// is exactly 0, and with all successes the upper bound is exactly 1.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not strictly between 0 and 1.</exception>
    public static ConfidenceInterval? Interval(Proportion proportion, double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        if (proportion.Trials == 0)
        {
            return null;
        }

        double n = proportion.Trials;
        double q = proportion.Successes / n;
        double crit = NormalDistribution.TwoSidedCritical(confidenceLevel);
        double crit2 = crit * crit;
        double denominator = 1.0 + (crit2 / n);
        double center = (q + (crit2 / (2.0 * n))) / denominator;
        double halfWidth = crit * Math.Sqrt((q * (1.0 - q) / n) + (crit2 / (4.0 * n * n))) / denominator;

        // The bounds are exactly 0 and 1 at the edges; rounding would otherwise leave ±1e-17.
        double lower = proportion.Successes == 0 ? 0.0 : Math.Max(0.0, center - halfWidth);
        double upper = proportion.Successes == proportion.Trials ? 1.0 : Math.Min(1.0, center + halfWidth);
        return new ConfidenceInterval(lower, upper);
    }
}
