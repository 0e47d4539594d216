using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Display;
using CampaignAnalytics.Rates;
using CampaignAnalytics.Statistics;
using Microsoft.Data.Analysis;

namespace CampaignAnalytics.Charts;

/// <summary>
/// Small, readable tables for notebooks and reports: the numbers worded for people by the library's
/// <see cref="Formatting"/> (the same texts as the command line's terminal tables: rates and intervals as percentages,
/// signed lifts, p-values without exponents, a verdict), invariant culture. Each is a DataFrame of strings, so a
/// Polyglot notebook shows it as an HTML table and <see cref="DataFrame.ToString()"/> as aligned text.
/// </summary>
/// <remarks>
/// Computing stays on the library's own frames (<see cref="ChannelComparisonResult.ToDataFrame"/>,
/// <see cref="RateFrames.ToDataFrame"/>), which keep full precision; these tables are for reading only.
/// Records shown directly in a notebook expand into nested trees (NodaTime dates show their calendar), hence these.
/// </remarks>
public static class DisplayTables
{
    /// <summary>
    /// One row per arm, as <see cref="ToDisplayTable(ChannelComparisonResult, double)"/> at the default confidence level
    /// of 95 % (<see cref="ComparisonOptions.Default"/>).
    /// </summary>
    /// <param name="comparison">The comparison. Invalid: null.</param>
    public static DataFrame ToDisplayTable(this ChannelComparisonResult comparison) =>
        comparison.ToDisplayTable(ComparisonOptions.Default.ConfidenceLevel);

    /// <summary>
    /// One row per arm: <c>variation, role, verdict, trials, successes, rate, ci, lift, p_value, p_holm,
    /// prob_beat_control</c>; the baseline's test columns are empty. The verdict (<see cref="Formatting.VerdictOf"/>) is
    /// at <paramref name="confidenceLevel"/>, which must be the level the comparison was run at (its intervals' level).
    /// </summary>
    /// <param name="comparison">The comparison. Invalid: null.</param>
    /// <param name="confidenceLevel">The comparison's confidence level (<see cref="ComparisonOptions.ConfidenceLevel"/>).
    /// Invalid: not strictly between 0 and 1.</param>
    public static DataFrame ToDisplayTable(this ChannelComparisonResult comparison, double confidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        Formatting.Level(confidenceLevel); // validates
        var rows = comparison.Result.Rows;
        var n = rows.Count;
        var variation = new StringDataFrameColumn("variation", n);
        var role = new StringDataFrameColumn("role", n);
        var verdict = new StringDataFrameColumn("verdict", n);
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
            variation[i] = arm.DisplayName;
            role[i] = r.IsControl ? (arm.IsControlGroup ? "control group" : "baseline") : "variant";
            verdict[i] = Formatting.Text(Formatting.VerdictOf(r, confidenceLevel));
            trials[i] = Formatting.Count(r.Trials);
            successes[i] = Formatting.Count(r.Successes);
            rate[i] = Formatting.Percent(r.Rate);
            ci[i] = Formatting.Interval(r.RateLower, r.RateUpper);
            lift[i] = Formatting.Lift(r.RelativeLift);
            p[i] = Formatting.PValue(r.PValue);
            holm[i] = Formatting.PValue(r.AdjustedPValue);
            beat[i] = Formatting.Probability(r.ProbabilityToBeatControl);
        }

        return new DataFrame(variation, role, verdict, trials, successes, rate, ci, lift, p, holm, beat);
    }

    /// <summary>
    /// Rate rows as <c>period, days, channel, variation, rate, numerator, denominator, value</c>: the period as
    /// <see cref="Formatting.Period"/> (<c>2025-03-03..03-09</c>, <c>2025-03</c>), the days counted as
    /// <see cref="Formatting.Days"/> (<c>5 of 7</c> for a partial period), the value a percentage (empty when the
    /// denominator summed to 0). Pooled keys are empty.
    /// </summary>
    /// <param name="rows">The rows. Invalid: null.</param>
    public static DataFrame ToDisplayTable(this IEnumerable<RateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows as IReadOnlyList<RateRow> ?? rows.ToList();
        var n = list.Count;
        var period = new StringDataFrameColumn("period", n);
        var days = new StringDataFrameColumn("days", n);
        var channel = new StringDataFrameColumn("channel", n);
        var variation = new StringDataFrameColumn("variation", n);
        var rate = new StringDataFrameColumn("rate", n);
        var num = new StringDataFrameColumn("numerator", n);
        var den = new StringDataFrameColumn("denominator", n);
        var value = new StringDataFrameColumn("value", n);
        for (var i = 0; i < n; i++)
        {
            var r = list[i];
            period[i] = Formatting.Period(r.PeriodStart, r.PeriodEnd);
            days[i] = r.DaysCounted > 0 && r.DaysCounted <= r.Period.Length ? Formatting.Days(r.DaysCounted, r.Period.Length) : string.Empty;
            channel[i] = r.Channel ?? string.Empty;
            variation[i] = r.VariationName ?? r.VariationApiId ?? string.Empty;
            rate[i] = r.Rate;
            num[i] = Formatting.Amount(r.Numerator);
            den[i] = Formatting.Amount(r.Denominator);
            value[i] = Formatting.Percent(r.Value);
        }

        return new DataFrame(period, days, channel, variation, rate, num, den, value);
    }

    /// <summary>A fraction as a percentage with <paramref name="decimals"/> decimals (0.0123 → <c>1.23%</c>); empty for null (<see cref="Formatting.Percent(double?, int)"/>).</summary>
    /// <param name="fraction">The fraction (0.25 is 25 %), or null.</param>
    /// <param name="decimals">Decimals shown, 0 to 6.</param>
    public static string Percent(double? fraction, int decimals = 2) => Formatting.Percent(fraction, decimals);

    /// <summary>A p-value for people, as <see cref="Formatting.PValue"/>: four decimals, <c>&lt; 0.0001</c> below that, <c>&lt; 1e-300</c> for one that underflowed to 0; empty for null.</summary>
    /// <param name="p">The p-value, or null.</param>
    public static string PValue(double? p) => Formatting.PValue(p);
}
