using CampaignAnalytics.Statistics;
using System;
using System.Collections.Generic;
using System.Text;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Comparison;

/// <summary>
/// Options of <see cref="VariationComparison.Compare(IReadOnlyList{ArmCounts}, int, ComparisonOptions?)"/>. Equality
/// compares <see cref="IntendedWeights"/> element by element.
/// </summary>
public sealed record ComparisonOptions
{
    /// <summary>The default options: 95 % intervals, two-sided tests, an equal intended split.</summary>
    public static ComparisonOptions Default { get; } = new();

    /// <summary>
    /// The confidence level of the Wilson and Newcombe intervals, strictly between 0 and 1; 0.95 by default.
    /// It does not change the p-values.
    /// </summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>
    /// The alternative of each arm's z-test against the control (<see cref="Alternative.Larger"/> means the arm's rate is
    /// larger than the control's); two-sided by default, as Braze's confidence.
    /// </summary>
    public Alternative Alternative { get; init; } = Alternative.TwoSided;

    /// <summary>
    /// The intended split across the arms for the sample-ratio check, one positive weight per arm in input order
    /// (any scale, e.g. [50, 50] or [0.1, 0.45, 0.45]); null (default) for an equal split.
    /// </summary>
    public IReadOnlyList<double>? IntendedWeights { get; init; }

    /// <summary>
    /// How the non-control arms' p-values are adjusted for multiple comparisons (<see cref="ComparisonRow.AdjustedPValue"/>);
    /// <see cref="PValueAdjustment.Holm"/> by default.
    /// </summary>
    public PValueAdjustment Adjustment { get; init; } = PValueAdjustment.Holm;

    /// <summary>Compares every property, <see cref="IntendedWeights"/> element by element (null equals only null).</summary>
    /// <param name="other">The other options.</param>
    public bool Equals(ComparisonOptions? other) =>
        other is not null
        && ConfidenceLevel.Equals(other.ConfidenceLevel)
        && Alternative == other.Alternative
        && RecordEquality.ListEquals(IntendedWeights, other.IntendedWeights)
        && Adjustment == other.Adjustment;

    /// <summary>A hash consistent with <see cref="Equals(ComparisonOptions?)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(ConfidenceLevel, Alternative, RecordEquality.ListHash(IntendedWeights), Adjustment);

    /// <summary>The options printed by the record's ToString, culture-independent (weights as <c>[a, b]</c>, numbers round-trip).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(ConfidenceLevel), ConfidenceLevel),
            (nameof(Alternative), Alternative),
            (nameof(IntendedWeights), IntendedWeights),
            (nameof(Adjustment), Adjustment));
}
