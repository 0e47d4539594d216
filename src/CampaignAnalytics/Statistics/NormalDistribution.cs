using MathNet.Numerics.Distributions;

namespace CampaignAnalytics.Statistics;

/// <summary>Standard normal tails and quantiles through MathNet.Numerics, written so small tails keep their precision.</summary>
internal static class NormalDistribution
{
    /// <summary>P(Z ≤ z).</summary>
    internal static double Cdf(double z) => Normal.CDF(0.0, 1.0, z);

    /// <summary>P(Z &gt; z), computed as Φ(−z) to keep precision in the upper tail.</summary>
    internal static double Survival(double z) => Normal.CDF(0.0, 1.0, -z);

    /// <summary>The z with P(Z &gt; z) = <paramref name="upperTail"/>, e.g. 1.959963984540054 for 0.025.</summary>
    internal static double UpperQuantile(double upperTail) => -Normal.InvCDF(0.0, 1.0, upperTail);

    /// <summary>The two-sided critical value for a confidence level, e.g. 1.96 for 0.95.</summary>
    internal static double TwoSidedCritical(double confidenceLevel) => UpperQuantile((1.0 - confidenceLevel) / 2.0);
}
