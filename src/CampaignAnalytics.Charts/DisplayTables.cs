using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Rates;
using Microsoft.Data.Analysis;

namespace CampaignAnalytics.Charts;

/// <summary>
/// Small, readable tables for notebooks and reports: the numbers formatted for people (rates and intervals as
/// percentages, p-values in scientific notation when tiny), invariant culture. Each is a DataFrame of strings, so
/// a Polyglot notebook shows it as an HTML table and <see cref="DataFrame.ToString()"/> as aligned text.
/// </summary>
/// <remarks>
/// Computing stays on the library's own frames (<see cref="ChannelComparisonResult.ToDataFrame"/>,
/// <see cref="RateFrames.ToDataFrame"/>), which keep full precision; these tables are for reading only.
/// Records shown directly in a notebook expand into nested trees (NodaTime dates show their calendar), hence these.
/// </remarks>
public static class DisplayTables
{
    /// <summary>
    /// One row per arm: <c>variation, role, trials, successes, rate, ci (95 %), lift, p_value, p_holm,
    /// prob_beat_control</c>; the control's test columns are empty. The confidence level shown is the comparison's.
    /// </summary>
    /// <param name="comparison">The comparison. Invalid: null.</param>
    public static DataFrame ToDisplayTable(this ChannelComparisonResult comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var rows = comparison.Result.Rows;
        var n = rows.Count;
        var variation = new StringDataFrameColumn("variation", n);
        var role = new StringDataFrameColumn("role", n);
        var trials = new StringDataFrameColumn("trials", n);
        var successes = new StringDataFrameColumn("successes", n);
        var rate = new StringDataFrameColumn("rate", n);
        var ci = new StringDataFrameColumn("ci", n);
        var lift = new StringDataFrameColumn("lift", n);
        var p = new StringDataFrameColumn("p_value", n);
        var holm = new StringDataFrameColumn("p_holm", n);
        var beat = new StringDataFrameColumn("prob_beat_control", n);
        for (var i = 0; i < n; i++)
        {
            var r = rows[i];
            var arm = comparison.Arms[i];
            variation[i] = arm.VariationName ?? arm.Key;
            role[i] = r.IsControl ? (arm.IsControlGroup ? "control group" : "baseline") : "variant";
            trials[i] = r.Trials.ToString("N0", CultureInfo.InvariantCulture);
            successes[i] = r.Successes.ToString("N0", CultureInfo.InvariantCulture);
            rate[i] = Percent(r.Rate);
            ci[i] = r.RateLower is { } lo && r.RateUpper is { } hi ? $"[{Percent(lo)}, {Percent(hi)}]" : string.Empty;
            lift[i] = r.RelativeLift is { } l ? (l >= 0 ? "+" : string.Empty) + Percent(l, 1) : string.Empty;
            p[i] = PValue(r.PValue);
            holm[i] = PValue(r.AdjustedPValue);
            beat[i] = r.ProbabilityToBeatControl is { } b ? Percent(b, 1) : string.Empty;
        }

        return new DataFrame(variation, role, trials, successes, rate, ci, lift, p, holm, beat);
    }

    /// <summary>
    /// Rate rows as <c>period, channel, variation, rate, numerator, denominator, value</c>; the period is one date
    /// for a day and <c>start..end</c> otherwise, the value a percentage (empty when the denominator summed to 0).
    /// Pooled keys are empty.
    /// </summary>
    /// <param name="rows">The rows. Invalid: null.</param>
    public static DataFrame ToDisplayTable(this IEnumerable<RateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows as IReadOnlyList<RateRow> ?? rows.ToList();
        var n = list.Count;
        var period = new StringDataFrameColumn("period", n);
        var channel = new StringDataFrameColumn("channel", n);
        var variation = new StringDataFrameColumn("variation", n);
        var rate = new StringDataFrameColumn("rate", n);
        var num = new StringDataFrameColumn("numerator", n);
        var den = new StringDataFrameColumn("denominator", n);
        var value = new StringDataFrameColumn("value", n);
        for (var i = 0; i < n; i++)
        {
            var r = list[i];
            period[i] = r.PeriodStart == r.PeriodEnd ? Iso(r.PeriodStart) : Iso(r.PeriodStart) + ".." + Iso(r.PeriodEnd);
            channel[i] = r.Channel ?? string.Empty;
            variation[i] = r.VariationName ?? r.VariationApiId ?? string.Empty;
            rate[i] = r.Rate;
            num[i] = r.Numerator.ToString("#,0.##", CultureInfo.InvariantCulture);
            den[i] = r.Denominator.ToString("#,0.##", CultureInfo.InvariantCulture);
            value[i] = Percent(r.Value);
        }

        return new DataFrame(period, channel, variation, rate, num, den, value);
    }

    /// <summary>A fraction as a percentage with <paramref name="decimals"/> decimals (0.0123 → <c>1.23%</c>); empty for null.</summary>
    /// <param name="fraction">The fraction (0.25 is 25 %), or null.</param>
    /// <param name="decimals">Decimals shown, 0 to 6.</param>
    public static string Percent(double? fraction, int decimals = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 6);
        return fraction is { } f && !double.IsNaN(f)
            ? (f * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%"
            : string.Empty;
    }

    /// <summary>A p-value for people: four decimals, scientific notation below 0.0001 (<c>3.2e-07</c>), <c>&lt; 1e-300</c> for a p-value that underflowed to 0; empty for null.</summary>
    /// <param name="p">The p-value, or null.</param>
    public static string PValue(double? p) =>
        p switch
        {
            null => string.Empty,
            { } v when double.IsNaN(v) => string.Empty,
            { } v when v == 0 => "< 1e-300", // below the smallest double: the test leaves no doubt, but 0 would overstate it
            { } v when v < 1e-4 => v.ToString("0.0e+00", CultureInfo.InvariantCulture),
            { } v => v.ToString("0.0000", CultureInfo.InvariantCulture),
        };

    private static string Iso(NodaTime.LocalDate date) => date.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture);
}
