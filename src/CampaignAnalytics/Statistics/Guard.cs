using System;
using System.Globalization;

namespace CampaignAnalytics.Statistics;

/// <summary>Argument checks shared by the statistics with invariant-culture messages.</summary>
internal static class Guard
{
    internal static void Counts(long successes, long trials, string successesName, string trialsName)
    {
        if (trials < 0)
        {
            throw new ArgumentOutOfRangeException(trialsName, trials,
                Format($"Trials must be zero or positive; got {trials}."));
        }

        if (successes < 0)
        {
            throw new ArgumentOutOfRangeException(successesName, successes,
                Format($"Successes must be zero or positive; got {successes}."));
        }

        if (successes > trials)
        {
            throw new ArgumentOutOfRangeException(successesName, successes,
                Format($"Successes ({successes}) cannot exceed trials ({trials})."));
        }
    }

    /// <summary>A confidence level must be a finite fraction strictly between 0 and 1.</summary>
    internal static void ConfidenceLevel(double confidenceLevel, string name)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(name, confidenceLevel,
                Format($"The confidence level must be strictly between 0 and 1 (e.g. 0.95); got {confidenceLevel}."));
        }
    }

    /// <summary>A probability strictly between 0 and 1 (alpha, power, a rate to plan for).</summary>
    internal static void OpenUnit(double value, string name, string what)
    {
        if (!(value > 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value,
                Format($"{what} must be strictly between 0 and 1; got {value}."));
        }
    }

    internal static void Alternative(Alternative alternative, string name)
    {
        if (alternative is not (Statistics.Alternative.TwoSided or Statistics.Alternative.Larger or Statistics.Alternative.Smaller))
        {
            throw new ArgumentOutOfRangeException(name, alternative,
                Format($"Unknown alternative {(int)alternative}."));
        }
    }

    internal static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
