using System.Collections.Generic;

namespace CampaignAnalytics.Statistics;

/// <summary>Options of <see cref="VariationComparison.Compare(IReadOnlyList{ArmCounts}, int, ComparisonOptions?)"/>.</summary>
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
}
