using System;
using System.Collections.Generic;
using MathNet.Numerics;

namespace CampaignAnalytics.Statistics;

/// <summary>One day of a sequential sample-ratio check.</summary>
/// <param name="Day">The day's position in the sequence given, from 0.</param>
/// <param name="LogBayesFactor">ln of the Bayes factor of "the split is off" against "the split is as intended", over the days so far.</param>
/// <param name="PValue">The always-valid p-value: the running minimum of min(1, 1 / Bayes factor) over the days so far, in [0, 1].</param>
public sealed record SequentialSampleRatioDay(int Day, double LogBayesFactor, double PValue)
{
    /// <summary>The record's members as text, culture-independent (printed by the record's ToString).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(System.Text.StringBuilder builder) =>
        CampaignAnalytics.Serialization.RecordText.Members(builder, (nameof(Day), Day), (nameof(LogBayesFactor), LogBayesFactor), (nameof(PValue), PValue));
}

/// <summary>
/// A sample-ratio-mismatch check that may be read every day: the Dirichlet-multinomial Bayes factor of Lindon, Semmens
/// and Gotwalt (2022), "Anytime-valid sequential testing for sample ratio mismatch" (arXiv:2011.01808), as GrowthBook's
/// sequential SRM check documents it (a Dirichlet prior of concentration c centred on the intended split, no slab).
/// </summary>
/// <remarks>
/// Under the intended split the Bayes factor is a test martingale, so by Ville's inequality its reciprocal, kept as a
/// running minimum, is a p-value that stays valid however often it is read: a broken split is flagged on the day the
/// p-value first falls below the threshold (0.001 is GrowthBook's default), and stays flagged. The factor depends on the
/// days only through the cumulative counts: ln BF = Σₖ [ln Γ(αₖ + xₖ) − ln Γ(αₖ)] − [ln Γ(c + n) − ln Γ(c)] − Σₖ xₖ ln pₖ
/// with αₖ = c pₖ.
/// </remarks>
public static class SequentialSampleRatio
{
    /// <summary>GrowthBook's default concentration of the Dirichlet prior: 10,000.</summary>
    public const double DefaultConcentration = 10_000;

    /// <summary>Checks each day's counts against the intended split, cumulatively from the first day given.</summary>
    /// <param name="dailyCounts">
    /// One entry per day in order, each with one count per arm (e.g. sends or enrolments of that day, not cumulative);
    /// every day must have the same number of arms, counts zero or more.
    /// </param>
    /// <param name="weights">The intended split, one positive weight per arm in any scale; null for an equal split.</param>
    /// <param name="concentration">The prior's concentration c, positive and finite; <see cref="DefaultConcentration"/> by default.</param>
    /// <returns>One result per day. With fewer than two arms every p-value is 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dailyCounts"/> or a day is null.</exception>
    /// <exception cref="ArgumentException">Days have different numbers of arms, or the weights are not one per arm.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, a weight is not positive, or the concentration is out of range.</exception>
    public static IReadOnlyList<SequentialSampleRatioDay> Test(IReadOnlyList<IReadOnlyList<long>> dailyCounts, IReadOnlyList<double>? weights = null, double concentration = DefaultConcentration)
    {
        ArgumentNullException.ThrowIfNull(dailyCounts);
        if (!(concentration > 0) || double.IsInfinity(concentration))
        {
            throw new ArgumentOutOfRangeException(nameof(concentration), concentration,
                Guard.Format($"The concentration must be positive and finite; got {concentration}."));
        }

        int k = dailyCounts.Count == 0 ? weights?.Count ?? 0 : (dailyCounts[0] ?? throw new ArgumentNullException(nameof(dailyCounts))).Count;
        var shares = SampleRatioMismatch.NormalisedWeights(weights, k, nameof(weights));
        var prior = new double[k];
        double priorLogBetaShift = 0;
        for (int j = 0; j < k; j++)
        {
            prior[j] = concentration * shares[j];
            priorLogBetaShift += SpecialFunctions.GammaLn(prior[j]);
        }

        var totals = new long[k];
        var results = new SequentialSampleRatioDay[dailyCounts.Count];
        double best = 1.0;
        for (int day = 0; day < dailyCounts.Count; day++)
        {
            var counts = dailyCounts[day] ?? throw new ArgumentNullException(nameof(dailyCounts), Guard.Format($"Day {day} is null."));
            if (counts.Count != k)
            {
                throw new ArgumentException(Guard.Format($"Every day must have {k} arms; day {day} has {counts.Count}."), nameof(dailyCounts));
            }

            for (int j = 0; j < k; j++)
            {
                if (counts[j] < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(dailyCounts), counts[j],
                        Guard.Format($"Counts must be zero or positive; day {day}, arm {j} is {counts[j]}."));
                }

                totals[j] = checked(totals[j] + counts[j]);
            }

            double logBf = k < 2 ? 0.0 : LogBayesFactor(totals, prior, shares, concentration, priorLogBetaShift);
            best = Math.Min(best, Math.Min(1.0, Math.Exp(-logBf)));
            results[day] = new SequentialSampleRatioDay(day, logBf, best);
        }

        return results;
    }

    private static double LogBayesFactor(long[] totals, double[] prior, double[] shares, double concentration, double priorLogGammaSum)
    {
        double n = 0;
        double sum = -priorLogGammaSum;
        for (int j = 0; j < totals.Length; j++)
        {
            n += totals[j];
            sum += SpecialFunctions.GammaLn(prior[j] + totals[j]);
            if (totals[j] > 0)
            {
                sum -= totals[j] * Math.Log(shares[j]);
            }
        }

        return sum - (SpecialFunctions.GammaLn(concentration + n) - SpecialFunctions.GammaLn(concentration));
    }
}
