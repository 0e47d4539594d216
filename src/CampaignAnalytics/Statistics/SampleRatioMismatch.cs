using System;
using System.Collections.Generic;
using System.Text;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Statistics;

/// <summary>
/// The result of a chi-square goodness-of-fit test of observed counts against an intended split. Equality compares
/// <see cref="Observed"/> and <see cref="Expected"/> element by element.
/// </summary>
/// <param name="Statistic">The χ² statistic (dimensionless, zero or more); null when the test is undefined.</param>
/// <param name="DegreesOfFreedom">The number of categories − 1; 0 for fewer than two categories.</param>
/// <param name="PValue">The upper-tail p-value, in [0, 1]; null when the test is undefined. A small value (e.g. &lt; 0.001) signals a sample-ratio mismatch.</param>
/// <param name="Observed">The observed counts, in input order.</param>
/// <param name="Expected">The expected counts under the intended split (total × normalised weight), in input order.</param>
public sealed record GoodnessOfFitResult(
    double? Statistic,
    int DegreesOfFreedom,
    double? PValue,
    IReadOnlyList<long> Observed,
    IReadOnlyList<double> Expected)
{
    /// <summary>Compares every property, <see cref="Observed"/> and <see cref="Expected"/> element by element.</summary>
    /// <param name="other">The other result.</param>
    public bool Equals(GoodnessOfFitResult? other) =>
        other is not null
        && Statistic.Equals(other.Statistic)
        && DegreesOfFreedom == other.DegreesOfFreedom
        && PValue.Equals(other.PValue)
        && RecordEquality.ListEquals(Observed, other.Observed)
        && RecordEquality.ListEquals(Expected, other.Expected);

    /// <summary>A hash consistent with <see cref="Equals(GoodnessOfFitResult?)"/>.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(Statistic, DegreesOfFreedom, PValue, RecordEquality.ListHash(Observed), RecordEquality.ListHash(Expected));

    /// <summary>The result printed by the record's ToString, culture-independent (lists as <c>[a, b]</c>, numbers round-trip).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Statistic), Statistic),
            (nameof(DegreesOfFreedom), DegreesOfFreedom),
            (nameof(PValue), PValue),
            (nameof(Observed), Observed),
            (nameof(Expected), Expected));
}

/// <summary>
/// Sample-ratio mismatch (SRM) check: do the arms' sizes match the intended split? A chi-square goodness of fit
/// (as scipy's <c>chisquare(observed, expected)</c>).
/// </summary>
public static class SampleRatioMismatch
{
    /// <summary>Tests the observed arm sizes against the intended split.</summary>
    /// <param name="observed">Each arm's count (e.g. sends or enrolments); counts must be zero or more.</param>
    /// <param name="weights">
    /// The intended split, one positive finite weight per arm, in any scale (normalised to sum to 1), e.g. [50, 50]
    /// or [0.2, 0.8]; null (default) means an equal split.
    /// </param>
    /// <returns>
    /// The statistic, df = k − 1, p-value and the observed and expected counts. With fewer than two arms, or a
    /// total of 0, the statistic and p-value are null.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="observed"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or a weight is not positive and finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="weights"/> has a different length from <paramref name="observed"/>.</exception>
    public static GoodnessOfFitResult Test(IReadOnlyList<long> observed, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(observed);
        int k = observed.Count;
        var shares = NormalisedWeights(weights, k, nameof(weights));
        var counts = new long[k];
        double total = 0;
        for (int i = 0; i < k; i++)
        {
            long count = observed[i];
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(observed), count,
                    Guard.Format($"Observed counts must be zero or positive; item {i} is {count}."));
            }

            counts[i] = count;
            total += count;
        }

        var expected = new double[k];
        for (int i = 0; i < k; i++)
        {
            expected[i] = total * shares[i];
        }

        int df = Math.Max(k - 1, 0);
        if (k < 2 || total == 0)
        {
            return new GoodnessOfFitResult(null, df, null, counts, expected);
        }

        double statistic = 0;
        for (int i = 0; i < k; i++)
        {
            double d = counts[i] - expected[i];
            statistic += d * d / expected[i];
        }

        return new GoodnessOfFitResult(statistic, df, ChiSquare.UpperTail(statistic, df), counts, expected);
    }

    /// <summary>Validates weights and scales them to sum to 1; equal shares when <paramref name="weights"/> is null.</summary>
    internal static double[] NormalisedWeights(IReadOnlyList<double>? weights, int count, string parameterName)
    {
        var shares = new double[count];
        if (weights is null)
        {
            Array.Fill(shares, count == 0 ? 0.0 : 1.0 / count);
            return shares;
        }

        if (weights.Count != count)
        {
            throw new ArgumentException(
                Guard.Format($"There must be one weight per arm: {count} arms but {weights.Count} weights."), parameterName);
        }

        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            double w = weights[i];
            if (!(w > 0) || double.IsInfinity(w))
            {
                throw new ArgumentOutOfRangeException(parameterName, w,
                    Guard.Format($"Weights must be positive and finite; item {i} is {w}."));
            }

            sum += w;
        }

        for (int i = 0; i < count; i++)
        {
            shares[i] = weights[i] / sum;
        }

        return shares;
    }
}
