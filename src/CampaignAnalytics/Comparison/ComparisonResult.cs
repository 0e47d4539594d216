using CampaignAnalytics.Statistics;
using System;
using System.Collections.Generic;
using System.Text;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Comparison;

/// <summary>
/// One arm of a <see cref="ComparisonResult"/>. Rates, lifts and bounds are fractions (0.025 = 2.5 %), never percentages.
/// Test columns are null for the control row, and for any arm when it or the control has 0 trials.
/// </summary>
/// <param name="VariationKey">The arm's key.</param>
/// <param name="VariationName">The arm's display name, or null.</param>
/// <param name="Trials">The arm's trials (denominator).</param>
/// <param name="Successes">The arm's successes (numerator).</param>
/// <param name="Rate">Successes / trials; null with 0 trials.</param>
/// <param name="RateLower">The lower bound of the Wilson interval of the rate; null with 0 trials.</param>
/// <param name="RateUpper">The upper bound of the Wilson interval of the rate; null with 0 trials.</param>
/// <param name="IsControl">True for the control arm.</param>
/// <param name="AbsoluteLift">Rate − control rate; null for the control, or when either rate is null.</param>
/// <param name="RelativeLift">(Rate − control rate) / control rate; null for the control, or when either rate is null or the control rate is 0.</param>
/// <param name="ZStatistic">The pooled two-proportion z of the arm against the control; null when undefined (no trials, or pooled variance 0).</param>
/// <param name="PValue">The z-test's p-value for the chosen alternative; null when undefined.</param>
/// <param name="Confidence">1 − <paramref name="PValue"/>, Braze's "confidence"; null when the p-value is null.</param>
/// <param name="AdjustedPValue">The p-value adjusted (Holm by default, <see cref="ComparisonOptions.Adjustment"/>) across the non-control arms that have a p-value; null when the p-value is null.</param>
/// <param name="ProbabilityToBeatControl">The Bayesian posterior probability (Beta(1, 1) priors) that the arm's rate exceeds the control's; null for the control or when either has 0 trials.</param>
/// <param name="DifferenceLower">The lower bound of the Newcombe interval of rate − control rate; null when either has 0 trials.</param>
/// <param name="DifferenceUpper">The upper bound of the Newcombe interval of rate − control rate; null when either has 0 trials.</param>
public sealed record ComparisonRow(
    string VariationKey,
    string? VariationName,
    long Trials,
    long Successes,
    double? Rate,
    double? RateLower,
    double? RateUpper,
    bool IsControl,
    double? AbsoluteLift,
    double? RelativeLift,
    double? ZStatistic,
    double? PValue,
    double? Confidence,
    double? AdjustedPValue,
    double? ProbabilityToBeatControl,
    double? DifferenceLower,
    double? DifferenceUpper)
{
    /// <summary>
    /// The conversion event the compared rate counts, when the comparison knew the campaign's events
    /// (<see cref="ChannelComparisonOptions.Labels"/>; the same for every row of a result); null otherwise.
    /// </summary>
    public Models.ConversionEvent? ConversionEvent { get; init; }

    /// <summary>The row printed by the record's ToString, culture-independent (numbers round-trip with a "." decimal point).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(VariationKey), VariationKey),
            (nameof(VariationName), VariationName),
            (nameof(Trials), Trials),
            (nameof(Successes), Successes),
            (nameof(Rate), Rate),
            (nameof(RateLower), RateLower),
            (nameof(RateUpper), RateUpper),
            (nameof(IsControl), IsControl),
            (nameof(AbsoluteLift), AbsoluteLift),
            (nameof(RelativeLift), RelativeLift),
            (nameof(ZStatistic), ZStatistic),
            (nameof(PValue), PValue),
            (nameof(Confidence), Confidence),
            (nameof(AdjustedPValue), AdjustedPValue),
            (nameof(ProbabilityToBeatControl), ProbabilityToBeatControl),
            (nameof(DifferenceLower), DifferenceLower),
            (nameof(DifferenceUpper), DifferenceUpper),
            (nameof(ConversionEvent), ConversionEvent?.Label));
}

/// <summary>Which count the sample-ratio check of a <see cref="ComparisonResult"/> was run on.</summary>
public enum SampleRatioBasis
{
    /// <summary>The arms' <see cref="ArmCounts.Trials"/> (some arm had no exposure, or there were no arms).</summary>
    Trials = 0,

    /// <summary>The arms' <see cref="ArmCounts.Exposure"/> (every arm had one).</summary>
    Exposure = 1,

    /// <summary>
    /// None: the check was skipped because no count measures every arm's size the same way (e.g. a control group
    /// that reports neither its enrolment nor the compared rate's denominator); its statistic and p-value are null.
    /// </summary>
    None = 2,
}

/// <summary>The comparison of every arm with a control, plus tests across all arms. Equality compares <see cref="Rows"/> element by element.</summary>
/// <param name="Rows">One row per arm, in input order.</param>
/// <param name="ControlIndex">The index of the control row in <paramref name="Rows"/>; null when there are no arms.</param>
/// <param name="ChiSquare">Pearson's χ² test that all arms share one rate (arms with 0 trials left out; nulls when undefined).</param>
/// <param name="SampleRatioMismatch">The goodness of fit of the arms' sizes to the intended split (nulls with fewer than two arms or a total of 0; nulls and no counts when skipped).</param>
/// <param name="SampleRatioBasis">Whether the sample-ratio check used exposure or trials, or was skipped (<see cref="SampleRatioBasis.None"/>).</param>
public sealed record ComparisonResult(
    IReadOnlyList<ComparisonRow> Rows,
    int? ControlIndex,
    ChiSquareResult ChiSquare,
    GoodnessOfFitResult SampleRatioMismatch,
    SampleRatioBasis SampleRatioBasis)
{
    /// <summary>Compares every property, <see cref="Rows"/> element by element.</summary>
    /// <param name="other">The other result.</param>
    public bool Equals(ComparisonResult? other) =>
        other is not null
        && RecordEquality.ListEquals(Rows, other.Rows)
        && ControlIndex == other.ControlIndex
        && Equals(ChiSquare, other.ChiSquare)
        && Equals(SampleRatioMismatch, other.SampleRatioMismatch)
        && SampleRatioBasis == other.SampleRatioBasis;

    /// <summary>A hash consistent with <see cref="Equals(ComparisonResult?)"/>.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(RecordEquality.ListHash(Rows), ControlIndex, ChiSquare, SampleRatioMismatch, SampleRatioBasis);

    /// <summary>The result printed by the record's ToString, culture-independent (rows as <c>[…]</c>, numbers round-trip).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Rows), Rows),
            (nameof(ControlIndex), ControlIndex),
            (nameof(ChiSquare), ChiSquare),
            (nameof(SampleRatioMismatch), SampleRatioMismatch),
            (nameof(SampleRatioBasis), SampleRatioBasis));
}
