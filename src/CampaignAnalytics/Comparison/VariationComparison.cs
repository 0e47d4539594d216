using CampaignAnalytics.Statistics;
using System;
using System.Collections.Generic;

namespace CampaignAnalytics.Comparison;

/// <summary>
/// Compares each arm of a campaign (variations and control) with a control arm: rates with Wilson intervals, lifts,
/// pooled z-tests with Holm adjustment, Newcombe intervals of the difference, the Bayesian probability to beat the
/// control, a χ² test across all arms and a sample-ratio-mismatch check.
/// </summary>
public static class VariationComparison
{
    /// <summary>Compares every arm with the arm at <paramref name="controlIndex"/>.</summary>
    /// <param name="arms">The arms, counts summed over the window; not null, may be empty.</param>
    /// <param name="controlIndex">The index of the control in <paramref name="arms"/>; 0 by default. Ignored when there are no arms.</param>
    /// <param name="options">Confidence level, alternative and intended split; <see cref="ComparisonOptions.Default"/> when null.</param>
    /// <returns>
    /// The comparison. No arms: no rows, a null control index and null test values. One arm: its row with no test
    /// values. A control with 0 trials: every arm's test columns are null (rates and Wilson intervals remain).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="arms"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="controlIndex"/> is not an index of <paramref name="arms"/>, or an option is out of range.</exception>
    /// <exception cref="ArgumentException">The intended weights do not have one weight per arm.</exception>
    public static ComparisonResult Compare(IReadOnlyList<ArmCounts> arms, int controlIndex = 0, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arms);
        for (int i = 0; i < arms.Count; i++)
        {
            if (arms[i] is null)
            {
                throw new ArgumentNullException(nameof(arms), Guard.Format($"Arm {i} is null."));
            }
        }

        if (arms.Count > 0 && (controlIndex < 0 || controlIndex >= arms.Count))
        {
            throw new ArgumentOutOfRangeException(nameof(controlIndex), controlIndex,
                Guard.Format($"The control index must be between 0 and {arms.Count - 1}; got {controlIndex}."));
        }

        return CompareCore(arms, controlIndex, options ?? ComparisonOptions.Default, checkSampleRatio: true);
    }

    /// <summary>
    /// As <see cref="Compare(IReadOnlyList{ArmCounts}, int, ComparisonOptions?)"/> for arms already validated, with the
    /// sample-ratio check skipped (<see cref="SampleRatioBasis.None"/>) when <paramref name="checkSampleRatio"/> is false:
    /// for callers that know no count measures every arm alike.
    /// </summary>
    internal static ComparisonResult Compare(IReadOnlyList<ArmCounts> arms, int controlIndex, ComparisonOptions options, bool checkSampleRatio) =>
        CompareCore(arms, controlIndex, options, checkSampleRatio);

    /// <summary>Compares every arm with the arm whose <see cref="ArmCounts.VariationKey"/> is <paramref name="controlKey"/> (ordinal comparison).</summary>
    /// <param name="arms">The arms, counts summed over the window; not null, not empty.</param>
    /// <param name="controlKey">The control's variation key; exactly one arm must have it.</param>
    /// <param name="options">Confidence level, alternative and intended split; <see cref="ComparisonOptions.Default"/> when null.</param>
    /// <returns>The comparison, as <see cref="Compare(IReadOnlyList{ArmCounts}, int, ComparisonOptions?)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="arms"/>, one of its items or <paramref name="controlKey"/> is null.</exception>
    /// <exception cref="ArgumentException">No arm, or more than one arm, has <paramref name="controlKey"/>; or the intended weights do not have one weight per arm.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static ComparisonResult Compare(IReadOnlyList<ArmCounts> arms, string controlKey, ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(controlKey);
        int found = -1;
        for (int i = 0; i < arms.Count; i++)
        {
            if (arms[i] is null)
            {
                throw new ArgumentNullException(nameof(arms), Guard.Format($"Arm {i} is null."));
            }

            if (string.Equals(arms[i].VariationKey, controlKey, StringComparison.Ordinal))
            {
                if (found >= 0)
                {
                    throw new ArgumentException(Guard.Format($"More than one arm has the control key '{controlKey}'."), nameof(controlKey));
                }

                found = i;
            }
        }

        if (found < 0)
        {
            throw new ArgumentException(Guard.Format($"No arm has the control key '{controlKey}'."), nameof(controlKey));
        }

        return CompareCore(arms, found, options ?? ComparisonOptions.Default, checkSampleRatio: true);
    }

    private static ComparisonResult CompareCore(IReadOnlyList<ArmCounts> arms, int controlIndex, ComparisonOptions options, bool checkSampleRatio)
    {
        Guard.ConfidenceLevel(options.ConfidenceLevel, nameof(options));
        Guard.Alternative(options.Alternative, nameof(options));
        int k = arms.Count;

        // Sample-ratio check: exposure when every arm has it, else trials, one basis for all arms (or skipped when the
        // caller knows neither measures every arm). Weights validated here even for no arms.
        GoodnessOfFitResult srm;
        SampleRatioBasis basis;
        if (checkSampleRatio)
        {
            bool allExposure = k > 0;
            var sizes = new long[k];
            for (int i = 0; i < k; i++)
            {
                allExposure &= arms[i].Exposure.HasValue;
            }

            for (int i = 0; i < k; i++)
            {
                sizes[i] = allExposure ? arms[i].Exposure!.Value : arms[i].Trials;
            }

            srm = SampleRatioMismatch.Test(sizes, options.IntendedWeights);
            basis = allExposure ? SampleRatioBasis.Exposure : SampleRatioBasis.Trials;
        }
        else
        {
            SampleRatioMismatch.NormalisedWeights(options.IntendedWeights, k, "weights"); // the same parameter name as the check's own validation
            srm = new GoodnessOfFitResult(null, Math.Max(k - 1, 0), null, Array.Empty<long>(), Array.Empty<double>());
            basis = SampleRatioBasis.None;
        }

        var proportions = new Proportion[k];
        for (int i = 0; i < k; i++)
        {
            proportions[i] = arms[i].Proportion;
        }

        var chiSquare = ChiSquare.Homogeneity(proportions);
        if (k == 0)
        {
            return new ComparisonResult(Array.Empty<ComparisonRow>(), null, chiSquare, srm, basis);
        }

        var control = proportions[controlIndex];
        double? controlRate = control.Rate;
        var tests = new ZTestResult?[k];
        var pValues = new double?[k];
        for (int i = 0; i < k; i++)
        {
            if (i != controlIndex)
            {
                tests[i] = ZTest.TwoProportions(proportions[i], control, options.Alternative);
                pValues[i] = tests[i]!.PValue;
            }
        }

        // The control's entry is null, so the adjustment counts only the non-control arms that have a p-value.
        var adjusted = Adjust.Apply(pValues, options.Adjustment);

        var rows = new ComparisonRow[k];
        for (int i = 0; i < k; i++)
        {
            var arm = arms[i];
            var p = proportions[i];
            double? rate = p.Rate;
            var wilson = Wilson.Interval(p, options.ConfidenceLevel);
            bool isControl = i == controlIndex;
            bool comparable = !isControl && p.Trials > 0 && control.Trials > 0;

            double? absoluteLift = comparable ? rate - controlRate : null;
            double? relativeLift = comparable && controlRate > 0 ? (rate - controlRate) / controlRate : null;
            var test = tests[i];
            var newcombe = comparable ? Newcombe.DifferenceInterval(p, control, options.ConfidenceLevel) : null;
            double? probability = comparable ? BayesianAb.ProbabilityToBeat(p, control) : null;

            rows[i] = new ComparisonRow(
                arm.VariationKey,
                arm.VariationName,
                arm.Trials,
                arm.Successes,
                rate,
                wilson?.Lower,
                wilson?.Upper,
                isControl,
                absoluteLift,
                relativeLift,
                test?.Statistic,
                test?.PValue,
                test?.Confidence,
                adjusted[i],
                probability,
                newcombe?.Lower,
                newcombe?.Upper);
        }

        return new ComparisonResult(rows, controlIndex, chiSquare, srm, basis);
    }
}
