using System;
using System.Text;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Statistics;

/// <summary>
/// The result of a pooled two-proportion z-test of a first rate against a second.
/// </summary>
/// <param name="Difference">First rate − second rate, as a fraction in [−1, 1]; null when either side has no trials.</param>
/// <param name="Statistic">The z statistic (standard normal units); null when the test is undefined (see <see cref="ZTest.TwoProportions"/>).</param>
/// <param name="PValue">The p-value for <paramref name="Alternative"/>, in [0, 1]; null when the test is undefined.</param>
/// <param name="Alternative">The alternative hypothesis the p-value was computed for.</param>
public sealed record ZTestResult(double? Difference, double? Statistic, double? PValue, Alternative Alternative)
{
    /// <summary>
    /// 1 − <see cref="PValue"/>, in [0, 1]: what Braze reports as a variant's "confidence" (with the two-sided test);
    /// null when the p-value is null.
    /// </summary>
    public double? Confidence => PValue is { } p ? 1.0 - p : null;

    /// <summary>The result printed by the record's ToString, culture-independent (numbers round-trip with a "." decimal point).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Difference), Difference),
            (nameof(Statistic), Statistic),
            (nameof(PValue), PValue),
            (nameof(Alternative), Alternative),
            (nameof(Confidence), Confidence));
}

/// <summary>The pooled two-proportion z-test (as statsmodels' <c>proportions_ztest</c>), the test behind Braze's confidence.</summary>
public static class ZTest
{
    /// <summary>
    /// Tests whether the rate of <paramref name="first"/> differs from the rate of <paramref name="second"/>:
    /// z = (p1 − p2) / √(p(1 − p)(1/n1 + 1/n2)) with p the pooled rate.
    /// </summary>
    /// <param name="first">The first arm (e.g. a variant).</param>
    /// <param name="second">The second arm (e.g. the control).</param>
    /// <param name="alternative">
    /// <see cref="Alternative.TwoSided"/> (default), <see cref="Alternative.Larger"/> (first rate &gt; second) or
    /// <see cref="Alternative.Smaller"/> (first rate &lt; second).
    /// </param>
    /// <returns>
    /// The difference, z and p-value. When either arm has 0 trials every value is null. When the pooled
    /// variance is 0 (no successes anywhere, or only successes) the difference is 0 and z and p are null; never NaN.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alternative"/> is not a defined value.</exception>
    public static ZTestResult TwoProportions(Proportion first, Proportion second, Alternative alternative = Alternative.TwoSided)
    {
        Guard.Alternative(alternative, nameof(alternative));
        if (first.Trials == 0 || second.Trials == 0)
        {
            return new ZTestResult(null, null, null, alternative);
        }

        double n1 = first.Trials;
        double n2 = second.Trials;
        double difference = (first.Successes / n1) - (second.Successes / n2);
        double pooled = ((double)first.Successes + second.Successes) / (n1 + n2);
        double variance = pooled * (1.0 - pooled) * ((1.0 / n1) + (1.0 / n2));
        if (!(variance > 0))
        {
            return new ZTestResult(difference, null, null, alternative);
        }

        double z = difference / Math.Sqrt(variance);
        return new ZTestResult(difference, z, PValue(z, alternative), alternative);
    }

    /// <summary>The p-value of a standard normal statistic for an alternative.</summary>
    internal static double PValue(double z, Alternative alternative) => alternative switch
    {
        Alternative.Larger => NormalDistribution.Survival(z),
        Alternative.Smaller => NormalDistribution.Cdf(z),
        _ => Math.Min(1.0, 2.0 * NormalDistribution.Survival(Math.Abs(z))),
    };
}
