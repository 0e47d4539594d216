using System;
using System.Collections.Generic;
using System.Text;
using CampaignAnalytics.Serialization;
using MathNet.Numerics;

namespace CampaignAnalytics.Statistics;

/// <summary>The result of a Pearson chi-square test.</summary>
/// <param name="Statistic">The χ² statistic (dimensionless, zero or more); null when the test is undefined.</param>
/// <param name="DegreesOfFreedom">The degrees of freedom: the number of arms (or categories) tested − 1; 0 when fewer than two were tested.</param>
/// <param name="PValue">The upper-tail p-value P(χ²(df) ≥ statistic), in [0, 1]; null when the test is undefined.</param>
public sealed record ChiSquareResult(double? Statistic, int DegreesOfFreedom, double? PValue)
{
    /// <summary>The result printed by the record's ToString, culture-independent (numbers round-trip with a "." decimal point).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Statistic), Statistic),
            (nameof(DegreesOfFreedom), DegreesOfFreedom),
            (nameof(PValue), PValue));
}

/// <summary>Pearson chi-square tests over counts (as scipy's <c>chi2_contingency(correction=False)</c>).</summary>
public static class ChiSquare
{
    /// <summary>
    /// Tests whether all arms share one rate: Pearson's χ² over the 2 × k table of successes and failures,
    /// without Yates' correction, df = k − 1. Braze picks a winning variation with this test at p &lt; 0.05.
    /// </summary>
    /// <param name="arms">The arms' successes and trials; not null.</param>
    /// <returns>
    /// The statistic, df and p-value. Arms with 0 trials carry no information and are left out (they do not count
    /// towards df). When fewer than two arms have trials, or the pooled table has a zero margin (no successes in
    /// any arm, or only successes), the statistic and p-value are null.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="arms"/> is null.</exception>
    public static ChiSquareResult Homogeneity(IReadOnlyList<Proportion> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        int tested = 0;
        double totalSuccesses = 0;
        double totalTrials = 0;
        foreach (var arm in arms)
        {
            if (arm.Trials > 0)
            {
                tested++;
                totalSuccesses += arm.Successes;
                totalTrials += arm.Trials;
            }
        }

        int df = Math.Max(tested - 1, 0);
        if (tested < 2 || totalSuccesses == 0 || totalSuccesses == totalTrials)
        {
            return new ChiSquareResult(null, df, null);
        }

        double successShare = totalSuccesses / totalTrials;
        double statistic = 0;
        foreach (var arm in arms)
        {
            if (arm.Trials == 0)
            {
                continue;
            }

            double expectedSuccesses = arm.Trials * successShare;
            double expectedFailures = arm.Trials - expectedSuccesses;
            double ds = arm.Successes - expectedSuccesses;
            double df2 = arm.Failures - expectedFailures;
            statistic += (ds * ds / expectedSuccesses) + (df2 * df2 / expectedFailures);
        }

        return new ChiSquareResult(statistic, df, UpperTail(statistic, df));
    }

    /// <summary>P(χ²(df) ≥ x) through the regularised upper incomplete gamma function, precise for tiny p-values.</summary>
    internal static double UpperTail(double statistic, int degreesOfFreedom) =>
        Math.Clamp(SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, statistic / 2.0), 0.0, 1.0);
}
