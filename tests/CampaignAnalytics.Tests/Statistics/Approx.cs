using System;
using System.Globalization;
using Xunit.Sdk;

namespace CampaignAnalytics.Tests.Statistics;

/// <summary>Relative-error assertions for the published reference values.</summary>
internal static class Approx
{
    public const double Tolerance = 1e-9;

    /// <summary>Asserts |actual − expected| ≤ tolerance × |expected|; an expected 0 must be exactly 0.</summary>
    public static void Equal(double expected, double? actual, double tolerance = Tolerance)
    {
        if (actual is not { } value)
        {
            throw new XunitException(string.Create(CultureInfo.InvariantCulture, $"Expected {expected:R} but got null."));
        }

        if (expected == 0)
        {
            if (value != 0)
            {
                throw new XunitException(string.Create(CultureInfo.InvariantCulture, $"Expected exactly 0 but got {value:R}."));
            }

            return;
        }

        double relative = Math.Abs(value - expected) / Math.Abs(expected);
        if (!(relative <= tolerance))
        {
            throw new XunitException(string.Create(CultureInfo.InvariantCulture,
                $"Expected {expected:R} but got {value:R} (relative error {relative:E3} > {tolerance:E1})."));
        }
    }
}
