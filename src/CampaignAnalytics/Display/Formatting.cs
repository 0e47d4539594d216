using CampaignAnalytics.Comparison;
using CampaignAnalytics.Invariant;
using System;
using System.Globalization;
using CampaignAnalytics.Statistics;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Display;

/// <summary>
/// The one place numbers and periods are worded for people: the command line's terminal tables and summaries and
/// the notebooks' display tables (<c>CampaignAnalytics.Charts.DisplayTables</c>) both use it, so they cannot disagree.
/// Invariant culture; never an exponent (<c>3.9E-08</c>), never <c>-0</c>, never a non-zero value shown as zero.
/// </summary>
/// <remarks>
/// These texts are for reading only. Machine formats (CSV, JSON, Parquet, the library's DataFrames) keep full
/// precision and are never produced here.
/// </remarks>
public static class Formatting
{
    /// <summary>
    /// The p-value below which the sample-ratio check calls for investigation (<see cref="SampleRatioSentence"/>):
    /// 0.001, stricter than the usual test level because the check runs on every comparison and a false alarm is costly.
    /// </summary>
    public const double SampleRatioAlarm = 0.001;

    /// <summary>
    /// A fraction as a percentage with sensible precision: two decimals (0.0201 → <c>2.01%</c>, 1.5 → <c>150.00%</c>),
    /// more for small values so that at least two significant digits show (0.000123 → <c>0.012%</c>), at most four;
    /// a non-zero value below that is <c>&lt; 0.0001%</c>. Thousands are separated with commas. Empty for null or NaN.
    /// </summary>
    /// <param name="fraction">The fraction (0.25 is 25 %), or null.</param>
    public static string Percent(double? fraction) => Scaled(fraction, 100, 2, 4, sign: false, unit: "%");

    /// <summary>A fraction as a percentage with exactly <paramref name="decimals"/> decimals (0.0123 → <c>1.23%</c>); empty for null or NaN.</summary>
    /// <param name="fraction">The fraction (0.25 is 25 %), or null.</param>
    /// <param name="decimals">Decimals shown. Invalid: below 0 or above 6.</param>
    public static string Percent(double? fraction, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 6);
        return fraction is { } f && double.IsFinite(f) ? Fixed(f * 100, decimals) + "%" : string.Empty;
    }

    /// <summary>
    /// A relative lift as a signed percentage: one decimal (<c>+72.5%</c>, <c>-4.1%</c>), more for small lifts so that
    /// two significant digits show (at most three); <c>0.0%</c> for none. Empty for null or NaN.
    /// </summary>
    /// <param name="relativeLift">(rate − baseline rate) / baseline rate as a fraction, or null.</param>
    public static string Lift(double? relativeLift) => Scaled(relativeLift, 100, 1, 3, sign: true, unit: "%");

    /// <summary>
    /// A p-value for people: four decimals (<c>0.0312</c>); <c>&lt; 0.0001</c> below that; <c>&lt; 1e-300</c> for a
    /// p-value that underflowed to 0 (the test leaves no doubt, but 0 would overstate it). Empty for null or NaN.
    /// </summary>
    /// <param name="p">The p-value, or null.</param>
    public static string PValue(double? p) => p switch
    {
        null => string.Empty,
        { } v when double.IsNaN(v) => string.Empty,
        { } v when v <= 0 => "< 1e-300",
        { } v when v < 0.0001 => "< 0.0001",
        { } v => v.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A p-value in a sentence: <c>p = 0.0312</c>, <c>p &lt; 0.0001</c>, <c>p &lt; 1e-300</c> (as <see cref="PValue"/>);
    /// <c>no p-value</c> for null or NaN.
    /// </summary>
    /// <param name="p">The p-value, or null.</param>
    public static string PClause(double? p) => PValue(p) switch
    {
        "" => "no p-value",
        var text when text.StartsWith('<') => "p " + text,
        var text => "p = " + text,
    };

    /// <summary>
    /// A probability as a percentage with one decimal (<c>87.3%</c>); <c>&gt; 99.9%</c> and <c>&lt; 0.1%</c> at the ends
    /// (a posterior probability is never quite 1 or 0). Empty for null or NaN.
    /// </summary>
    /// <param name="probability">The probability, 0 to 1, or null.</param>
    public static string Probability(double? probability) => probability switch
    {
        null => string.Empty,
        { } v when double.IsNaN(v) => string.Empty,
        { } v when v >= 0.9995 => "> 99.9%",
        { } v when v <= 0.0005 => "< 0.1%",
        { } v => Fixed(v * 100, 1) + "%",
    };

    /// <summary>A count with thousands separated by commas (<c>676,399</c>); empty for null.</summary>
    /// <param name="count">The count, or null.</param>
    public static string Count(long? count) => count is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>
    /// A summed metric (a count, or an amount such as revenue) with thousands separated by commas and at most two
    /// decimals, none when whole (<c>4,329</c>, <c>1,234.5</c>); empty for null or NaN.
    /// </summary>
    /// <param name="value">The value, or null.</param>
    public static string Amount(double? value) =>
        value is { } v && double.IsFinite(v) ? Zero(v, 2).ToString("#,0.##", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A test statistic (z, χ²) with two decimals and thousands separated (<c>2,030.68</c>); empty for null or NaN.</summary>
    /// <param name="value">The statistic, or null.</param>
    public static string Statistic(double? value) =>
        value is { } v && double.IsFinite(v) ? Zero(v, 2).ToString("#,0.00", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A confidence level as a percentage without trailing zeros (0.95 → <c>95%</c>, 0.995 → <c>99.5%</c>).</summary>
    /// <param name="confidenceLevel">The level. Invalid: not strictly between 0 and 1.</param>
    public static string Level(double confidenceLevel)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "A confidence level is strictly between 0 and 1.");
        }

        return (confidenceLevel * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>An interval of fractions as percentages, <c>[1.98%, 2.05%]</c> (each end as <see cref="Percent(double?)"/>); empty when either end is null.</summary>
    /// <param name="lower">The lower bound, or null.</param>
    /// <param name="upper">The upper bound, or null.</param>
    public static string Interval(double? lower, double? upper) =>
        lower is { } lo && upper is { } hi && double.IsFinite(lo) && double.IsFinite(hi) ? $"[{Percent(lo)}, {Percent(hi)}]" : string.Empty;

    /// <summary>
    /// A period for people, as short as it stays unambiguous: a day <c>2025-03-01</c>, a whole calendar month
    /// <c>2025-03</c>, days within one year <c>2025-03-03..03-09</c>, else <c>2025-12-29..2026-01-04</c>.
    /// </summary>
    /// <param name="start">The first day.</param>
    /// <param name="end">The last day (inclusive). Invalid: before <paramref name="start"/>.</param>
    public static string Period(LocalDate start, LocalDate end)
    {
        if (end < start)
        {
            throw new ArgumentException($"The period ends ({InvariantText.Iso(end)}) before it starts ({InvariantText.Iso(start)}).", nameof(end));
        }

        if (start == end)
        {
            return InvariantText.Iso(start);
        }

        if (start.Day == 1 && CalendarBuckets.MonthContaining(start).End == end)
        {
            return start.ToString("uuuu'-'MM", CultureInfo.InvariantCulture);
        }

        return start.Year == end.Year
            ? InvariantText.Iso(start) + ".." + end.ToString("MM'-'dd", CultureInfo.InvariantCulture)
            : InvariantText.Iso(start) + ".." + InvariantText.Iso(end);
    }

    /// <summary>The days a value covers out of its period's: <c>7</c> when complete, <c>5 of 7</c> when partial.</summary>
    /// <param name="daysCounted">Days with data. Invalid: negative or above <paramref name="periodLength"/>.</param>
    /// <param name="periodLength">Days in the period. Invalid: below 1.</param>
    public static string Days(int daysCounted, int periodLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(daysCounted);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(daysCounted, periodLength);
        return daysCounted == periodLength
            ? periodLength.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{daysCounted} of {periodLength}");
    }

    /// <summary>
    /// What a comparison row says at a confidence level: <see cref="Verdict.Baseline"/> for the row every other is tested
    /// against; <see cref="Verdict.Better"/> or <see cref="Verdict.Worse"/> when its Holm-adjusted p-value is below
    /// 1 − <paramref name="confidenceLevel"/> (adjusted, so that testing several variations does not find a winner by
    /// chance), by the sign of the difference; <see cref="Verdict.NoDifferenceYet"/> otherwise; <see cref="Verdict.NotTested"/>
    /// when there is no p-value (no trials on either side).
    /// </summary>
    /// <param name="row">The row. Invalid: null.</param>
    /// <param name="confidenceLevel">The level the comparison was run at, e.g. 0.95. Invalid: not strictly between 0 and 1.</param>
    public static Verdict VerdictOf(ComparisonRow row, double confidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(row);
        Level(confidenceLevel); // validates
        if (row.IsControl)
        {
            return Verdict.Baseline;
        }

        if (row.AdjustedPValue is not { } p || double.IsNaN(p) || row.AbsoluteLift is not { } difference)
        {
            return Verdict.NotTested;
        }

        // 1 - 0.99 is 0.010000000000000009 in doubles: round so that p = 0.01 is not significant at 99 %.
        var alpha = Math.Round(1 - confidenceLevel, 12);
        if (p >= alpha || difference == 0)
        {
            return Verdict.NoDifferenceYet;
        }

        return difference > 0 ? Verdict.Better : Verdict.Worse;
    }

    /// <summary>The verdict in words: <c>baseline</c>, <c>better</c>, <c>worse</c>, <c>no difference yet</c>, <c>not tested</c>.</summary>
    /// <param name="verdict">The verdict. Invalid: not a defined value.</param>
    public static string Text(Verdict verdict) => verdict switch
    {
        Verdict.Baseline => "baseline",
        Verdict.Better => "better",
        Verdict.Worse => "worse",
        Verdict.NoDifferenceYet => "no difference yet",
        Verdict.NotTested => "not tested",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    /// <summary>
    /// The sample-ratio check in words: <c>the split looks as intended (p = 0.1050)</c> when its p-value is at or
    /// above <see cref="SampleRatioAlarm"/>, <c>investigate: p = 0.0002, the arms' sizes are further from the intended split
    /// than chance explains</c> below it, and <c>not checked</c> without a p-value.
    /// </summary>
    /// <param name="pValue">The check's p-value (<see cref="ComparisonResult.SampleRatioMismatch"/>), or null.</param>
    public static string SampleRatioSentence(double? pValue) => pValue switch
    {
        null => "not checked",
        { } p when double.IsNaN(p) => "not checked",
        { } p when p < SampleRatioAlarm => $"investigate: {PClause(p)}, the arms' sizes are further from the intended split than chance explains",
        { } p => $"the split looks as intended ({PClause(p)})",
    };

    // value × scale with `min` decimals, more (up to `max`) until two significant digits show; a non-zero value that
    // still rounds to zero is "< 0.0001" (at max = 4), so nothing non-zero reads as zero.
    private static string Scaled(double? value, double scale, int min, int max, bool sign, string unit)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return string.Empty;
        }

        var x = v * scale;
        var magnitude = Math.Abs(x);
        var decimals = min;
        while (decimals < max && magnitude > 0 && magnitude < Math.Pow(10, 1 - decimals))
        {
            decimals++;
        }

        var text = Fixed(x, decimals);
        if (magnitude > 0 && Math.Round(magnitude, decimals) == 0)
        {
            var smallest = "0." + new string('0', max - 1) + "1";
            return (x < 0 ? "> -" : "< ") + (sign && x > 0 ? "+" : string.Empty) + smallest + unit;
        }

        return (sign && Math.Round(x, decimals) > 0 ? "+" : string.Empty) + text + unit;
    }

    // Fixed decimals with thousands separated; -0 (or a negative that rounds to it) written as 0.
    private static string Fixed(double value, int decimals) =>
        Zero(value, decimals).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static double Zero(double value, int decimals) => Math.Round(value, decimals) == 0 ? 0 : value;
}

/// <summary>What a variation's comparison with the baseline says (<see cref="Formatting.VerdictOf"/>).</summary>
public enum Verdict
{
    /// <summary>No p-value: the arm or the baseline has no trials.</summary>
    NotTested = 0,

    /// <summary>The arm every other is tested against.</summary>
    Baseline = 1,

    /// <summary>Higher than the baseline, significantly at the confidence level after the Holm adjustment.</summary>
    Better = 2,

    /// <summary>Lower than the baseline, significantly at the confidence level after the Holm adjustment.</summary>
    Worse = 3,

    /// <summary>Not significantly different at the confidence level: more data may still show a difference.</summary>
    NoDifferenceYet = 4,
}
