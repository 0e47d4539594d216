using System;

namespace CampaignAnalytics.Statistics;

/// <summary>
/// Newcombe's hybrid score interval for a difference of two independent rates, built from the two Wilson intervals
/// (as statsmodels' <c>confint_proportions_2indep(method="newcomb")</c>).
/// </summary>
public static class Newcombe
{
    /// <summary>
    /// The confidence interval for rate(<paramref name="first"/>) − rate(<paramref name="second"/>), as fractions in [−1, 1].
    /// </summary>
    /// <param name="first">The first arm (e.g. a variant).</param>
    /// <param name="second">The second arm (e.g. the control).</param>
    /// <param name="confidenceLevel">The two-sided confidence level, strictly between 0 and 1; 0.95 by default.</param>
    /// <returns>The interval; null when either arm has 0 trials.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not strictly between 0 and 1.</exception>
    public static ConfidenceInterval? DifferenceInterval(Proportion first, Proportion second, double confidenceLevel = 0.95)
    {
        Guard.ConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        if (Wilson.Interval(first, confidenceLevel) is not { } w1 || Wilson.Interval(second, confidenceLevel) is not { } w2)
        {
            return null;
        }

        double p1 = first.Successes / (double)first.Trials;
        double p2 = second.Successes / (double)second.Trials;
        double d = p1 - p2;
        double lower = d - Math.Sqrt(Square(p1 - w1.Lower) + Square(w2.Upper - p2));
        double upper = d + Math.Sqrt(Square(p2 - w2.Lower) + Square(w1.Upper - p1));
        return new ConfidenceInterval(lower, upper);
    }

    private static double Square(double x) => x * x;
}
