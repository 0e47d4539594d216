using CampaignAnalytics.Invariant;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CampaignAnalytics.Serialization;
using NodaTime;

namespace CampaignAnalytics.Windows;

/// <summary>The two windows a period-over-period comparison sets side by side.</summary>
/// <remarks>Any two intervals are accepted (they may differ in length or overlap); sums are only comparable
/// between windows of equal length, rates always are.</remarks>
public sealed record ComparisonWindows
{
    /// <summary>Creates the pair.</summary>
    /// <param name="current">The window compared (e.g. last full week). Invalid: null.</param>
    /// <param name="previous">The base window (e.g. the week before). Invalid: null.</param>
    public ComparisonWindows(DateInterval current, DateInterval previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        Current = current;
        Previous = previous;
    }

    /// <summary>The window compared.</summary>
    public DateInterval Current { get; }

    /// <summary>The base window the change is measured from.</summary>
    public DateInterval Previous { get; }

    /// <summary>Both windows in ISO-8601, e.g. <c>2025-06-09..2025-06-15 vs 2025-06-02..2025-06-08</c>.</summary>
    public override string ToString() => InvariantText.Iso(Current) + " vs " + InvariantText.Iso(Previous);
}

/// <summary>A summed metric to compare, read from the daily value.</summary>
/// <typeparam name="T">The daily value.</typeparam>
public sealed record WindowMetric<T>
{
    /// <summary>Creates a metric.</summary>
    /// <param name="name">The metric's name, e.g. <c>sent</c>. Invalid: null.</param>
    /// <param name="value">Reads the value of one day (a count or an amount); null when absent, which is skipped, not
    /// counted as zero. Invalid: null.</param>
    public WindowMetric(string name, Func<T, double?> value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
    }

    /// <summary>The metric's name.</summary>
    public string Name { get; }

    /// <summary>Reads the value of one day; null when absent.</summary>
    public Func<T, double?> Value { get; }

    /// <summary>
    /// Creates a metric from a count (e.g. a generated model's <c>long?</c> property), without the caller converting
    /// <c>long?</c> to <c>double?</c> (implicit in C#, not in F#).
    /// </summary>
    /// <param name="name">The metric's name, e.g. <c>sent</c>. Invalid: null.</param>
    /// <param name="count">Reads the count of one day; null when absent, which is skipped, not counted as zero. Invalid: null.</param>
    public static WindowMetric<T> FromCount(string name, Func<T, long?> count)
    {
        ArgumentNullException.ThrowIfNull(count);
        return new WindowMetric<T>(name, day => count(day));
    }
}

/// <summary>A rate to compare: numerator over denominator, each summed over the window first.</summary>
/// <typeparam name="T">The daily value.</typeparam>
public sealed record WindowRate<T>
{
    /// <summary>Creates a rate.</summary>
    /// <param name="name">The rate's name, e.g. <c>UniqueClickRate</c>. Invalid: null.</param>
    /// <param name="numerator">Reads the successes of one day; null when absent. Invalid: null.</param>
    /// <param name="denominator">Reads the trials of one day; null when absent. Invalid: null.</param>
    public WindowRate(string name, Func<T, double?> numerator, Func<T, double?> denominator)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        Name = name;
        Numerator = numerator;
        Denominator = denominator;
    }

    /// <summary>The rate's name.</summary>
    public string Name { get; }

    /// <summary>Reads the successes of one day; null when absent.</summary>
    public Func<T, double?> Numerator { get; }

    /// <summary>Reads the trials of one day; null when absent.</summary>
    public Func<T, double?> Denominator { get; }

    /// <summary>
    /// Creates a rate from two counts (e.g. a generated model's <c>long?</c> properties), without the caller converting
    /// <c>long?</c> to <c>double?</c> (implicit in C#, not in F#).
    /// </summary>
    /// <param name="name">The rate's name, e.g. <c>UniqueClickRate</c>. Invalid: null.</param>
    /// <param name="numerator">Reads the successes of one day; null when absent. Invalid: null.</param>
    /// <param name="denominator">Reads the trials of one day; null when absent. Invalid: null.</param>
    public static WindowRate<T> FromCounts(string name, Func<T, long?> numerator, Func<T, long?> denominator)
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        return new WindowRate<T>(name, day => numerator(day), day => denominator(day));
    }
}

/// <summary>How a summed metric changed from the previous window to the current one.</summary>
public sealed record MetricChange
{
    internal MetricChange(string name, double? current, int currentDays, double? previous, int previousDays)
    {
        Name = name;
        Current = current;
        CurrentDays = currentDays;
        Previous = previous;
        PreviousDays = previousDays;
    }

    /// <summary>The metric's name.</summary>
    public string Name { get; }

    /// <summary>The sum over the current window, in the metric's unit; null when no day of the window carries the metric.</summary>
    public double? Current { get; }

    /// <summary>The days of the current window that carry the metric.</summary>
    public int CurrentDays { get; }

    /// <summary>The sum over the previous window; null when no day of the window carries the metric.</summary>
    public double? Previous { get; }

    /// <summary>The days of the previous window that carry the metric.</summary>
    public int PreviousDays { get; }

    /// <summary><see cref="Current"/> − <see cref="Previous"/>, in the metric's unit; null when either is null.</summary>
    public double? Change => Current - Previous;

    /// <summary><see cref="Change"/> / <see cref="Previous"/> as a fraction (0.1 is +10 %); null when the base is 0 or null.</summary>
    public double? RelativeChange => Previous is { } p && p != 0 ? Change / p : null;

    /// <summary>The change printed by the record's ToString, culture-independent (numbers round-trip with a "." decimal point).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Name), Name),
            (nameof(Current), Current),
            (nameof(CurrentDays), CurrentDays),
            (nameof(Previous), Previous),
            (nameof(PreviousDays), PreviousDays),
            (nameof(Change), Change),
            (nameof(RelativeChange), RelativeChange));
}

/// <summary>How a rate changed from the previous window to the current one. Rates are fractions (0.25 is 25 %).</summary>
/// <remarks>Each window's rate is its numerator sum over its denominator sum, summed over the days carrying both
/// values; a mean of daily rates is never taken.</remarks>
public sealed record RateChange
{
    internal RateChange(string name, RateSums current, RateSums previous)
    {
        Name = name;
        CurrentNumerator = current.Count == 0 ? null : current.Numerator;
        CurrentDenominator = current.Count == 0 ? null : current.Denominator;
        CurrentDays = current.Count;
        Current = current.Rate;
        PreviousNumerator = previous.Count == 0 ? null : previous.Numerator;
        PreviousDenominator = previous.Count == 0 ? null : previous.Denominator;
        PreviousDays = previous.Count;
        Previous = previous.Rate;
    }

    /// <summary>The rate's name.</summary>
    public string Name { get; }

    /// <summary>The numerator sum over the current window; null when no day carries both values.</summary>
    public double? CurrentNumerator { get; }

    /// <summary>The denominator sum over the current window; null when no day carries both values.</summary>
    public double? CurrentDenominator { get; }

    /// <summary>The days of the current window carrying both values.</summary>
    public int CurrentDays { get; }

    /// <summary>The current window's rate; null when its denominator sum is 0 or absent.</summary>
    public double? Current { get; }

    /// <summary>The numerator sum over the previous window; null when no day carries both values.</summary>
    public double? PreviousNumerator { get; }

    /// <summary>The denominator sum over the previous window; null when no day carries both values.</summary>
    public double? PreviousDenominator { get; }

    /// <summary>The days of the previous window carrying both values.</summary>
    public int PreviousDays { get; }

    /// <summary>The previous window's rate; null when its denominator sum is 0 or absent.</summary>
    public double? Previous { get; }

    /// <summary>The change in percentage points: (<see cref="Current"/> − <see cref="Previous"/>) × 100
    /// (a rate going from 0.20 to 0.25 is +5 points); null when either rate is null.</summary>
    public double? ChangeInPoints => (Current - Previous) * 100;

    /// <summary>The relative change of the rate as a fraction ((0.25 − 0.20) / 0.20 = 0.25); null when the previous
    /// rate is 0 or null.</summary>
    public double? RelativeChange => Previous is { } p && p != 0 ? (Current - p) / p : null;

    /// <summary>The change printed by the record's ToString, culture-independent (numbers round-trip with a "." decimal point).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Name), Name),
            (nameof(CurrentNumerator), CurrentNumerator),
            (nameof(CurrentDenominator), CurrentDenominator),
            (nameof(CurrentDays), CurrentDays),
            (nameof(Current), Current),
            (nameof(PreviousNumerator), PreviousNumerator),
            (nameof(PreviousDenominator), PreviousDenominator),
            (nameof(PreviousDays), PreviousDays),
            (nameof(Previous), Previous),
            (nameof(ChangeInPoints), ChangeInPoints),
            (nameof(RelativeChange), RelativeChange));
}

/// <summary>The result of comparing two windows of a daily series.</summary>
/// <remarks>Equality compares the lists element by element.</remarks>
public sealed record PeriodComparison
{
    internal PeriodComparison(ComparisonWindows windows, int currentDaysWithData, int previousDaysWithData, IReadOnlyList<MetricChange> metrics, IReadOnlyList<RateChange> rates)
    {
        Windows = windows;
        CurrentDaysWithData = currentDaysWithData;
        PreviousDaysWithData = previousDaysWithData;
        Metrics = metrics;
        Rates = rates;
    }

    /// <summary>The windows compared.</summary>
    public ComparisonWindows Windows { get; }

    /// <summary>The days of the current window present in the series.</summary>
    public int CurrentDaysWithData { get; }

    /// <summary>The days of the previous window present in the series.</summary>
    public int PreviousDaysWithData { get; }

    /// <summary>The days of the current window absent from the series.</summary>
    public int CurrentMissingDays => Windows.Current.Length - CurrentDaysWithData;

    /// <summary>The days of the previous window absent from the series.</summary>
    public int PreviousMissingDays => Windows.Previous.Length - PreviousDaysWithData;

    /// <summary>True when both windows have every day present in the series.</summary>
    public bool IsComplete => CurrentMissingDays == 0 && PreviousMissingDays == 0;

    /// <summary>One change per metric asked for, in the order asked.</summary>
    public IReadOnlyList<MetricChange> Metrics { get; }

    /// <summary>One change per rate asked for, in the order asked.</summary>
    public IReadOnlyList<RateChange> Rates { get; }

    /// <summary>The change of the metric with this name (ordinal comparison); null when none.</summary>
    /// <param name="name">The metric's name. Invalid: null.</param>
    public MetricChange? FindMetric(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var m in Metrics)
        {
            if (string.Equals(m.Name, name, StringComparison.Ordinal))
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>The change of the rate with this name (ordinal comparison); null when none.</summary>
    /// <param name="name">The rate's name. Invalid: null.</param>
    public RateChange? FindRate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var r in Rates)
        {
            if (string.Equals(r.Name, name, StringComparison.Ordinal))
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>Compares every property, the lists element by element.</summary>
    /// <param name="other">The other comparison.</param>
    public bool Equals(PeriodComparison? other) =>
        other is not null
        && Windows.Equals(other.Windows)
        && CurrentDaysWithData == other.CurrentDaysWithData
        && PreviousDaysWithData == other.PreviousDaysWithData
        && Metrics.SequenceEqual(other.Metrics)
        && Rates.SequenceEqual(other.Rates);

    /// <summary>A hash of the windows and the list sizes.</summary>
    public override int GetHashCode() => HashCode.Combine(Windows, CurrentDaysWithData, PreviousDaysWithData, Metrics.Count, Rates.Count);

    /// <summary>The comparison printed by the record's ToString, culture-independent (windows as start..end, lists as <c>[a, b]</c>, numbers round-trip).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(Windows), Windows),
            (nameof(CurrentDaysWithData), CurrentDaysWithData),
            (nameof(PreviousDaysWithData), PreviousDaysWithData),
            (nameof(CurrentMissingDays), CurrentMissingDays),
            (nameof(PreviousMissingDays), PreviousMissingDays),
            (nameof(IsComplete), IsComplete),
            (nameof(Metrics), Metrics),
            (nameof(Rates), Rates));
}

/// <summary>
/// Period-over-period comparisons: choose two windows (last full week and the one before, last full month and
/// the one before, trailing days, or any two intervals), then compare sums and rates between them.
/// </summary>
/// <remarks>
/// "Last full" is relative to <c>asOf</c>, the last day whose data counts (typically the last day of the
/// series, or yesterday in the <see cref="ReportZone"/>): the most recent calendar bucket that ends on or
/// before <c>asOf</c>. Whether the series actually has every day of it is reported by
/// <see cref="PeriodComparison.IsComplete"/>, never filled in.
/// </remarks>
public static class PeriodOverPeriod
{
    /// <summary>The last full week ending on or before <paramref name="asOf"/> and the week before it.</summary>
    /// <param name="asOf">The last day whose data counts. On the last day of a week, that week is the current one.</param>
    /// <param name="firstDayOfWeek">The first day of each week (default Monday). Invalid: <see cref="IsoDayOfWeek.None"/> or out of range.</param>
    public static ComparisonWindows LastFullWeeks(LocalDate asOf, IsoDayOfWeek firstDayOfWeek = IsoDayOfWeek.Monday) =>
        LastFull(asOf, CalendarBuckets.WeekOf(firstDayOfWeek));

    /// <summary>The last full calendar month ending on or before <paramref name="asOf"/> and the month before it.</summary>
    /// <param name="asOf">The last day whose data counts. On the last day of a month, that month is the current one.</param>
    public static ComparisonWindows LastFullMonths(LocalDate asOf) => LastFull(asOf, CalendarBuckets.MonthOf);

    /// <summary>The last full bucket of <see cref="CalendarBuckets.ByPeriod"/> ending on or before <paramref name="asOf"/> and the bucket before it.</summary>
    /// <param name="asOf">The last day whose data counts.</param>
    /// <param name="period">The bucket length; invalid as in <see cref="CalendarBuckets.ByPeriod"/>.</param>
    /// <param name="anchor">A date on which a bucket starts.</param>
    public static ComparisonWindows LastFullPeriods(LocalDate asOf, Period period, LocalDate anchor) =>
        LastFull(asOf, CalendarBuckets.PeriodOf(period, anchor));

    /// <summary>The <paramref name="days"/> days ending on <paramref name="endingOn"/> and the <paramref name="days"/> days before them.</summary>
    /// <param name="days">The window length in days. Invalid: less than 1.</param>
    /// <param name="endingOn">The last day of the current window.</param>
    public static ComparisonWindows TrailingDays(int days, LocalDate endingOn)
    {
        var current = DateWindows.TrailingDays(days, endingOn);
        return new ComparisonWindows(current, DateWindows.TrailingDays(days, current.Start.PlusDays(-1)));
    }

    /// <summary>Compares the sums of metrics and the rates between the two windows.</summary>
    /// <typeparam name="T">The daily value.</typeparam>
    /// <param name="series">The series. Invalid: null.</param>
    /// <param name="windows">The windows. Invalid: null.</param>
    /// <param name="metrics">The summed metrics to compare. Invalid: null, or a null element.</param>
    /// <param name="rates">The rates to compare; null for none. Invalid: a null element.</param>
    public static PeriodComparison Compare<T>(
        this DailySeries<T> series,
        ComparisonWindows windows,
        IReadOnlyList<WindowMetric<T>> metrics,
        IReadOnlyList<WindowRate<T>>? rates = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(metrics);
        rates ??= [];
        var (cs, ce) = series.IndexRange(windows.Current);
        var (ps, pe) = series.IndexRange(windows.Previous);
        var values = series.ValueArray;

        var metricChanges = new MetricChange[metrics.Count];
        for (var m = 0; m < metricChanges.Length; m++)
        {
            var metric = metrics[m] ?? throw new ArgumentException("Metric " + m.ToString(System.Globalization.CultureInfo.InvariantCulture) + " is null.", nameof(metrics));
            var (current, currentDays) = Sum(values, cs, ce, metric.Value);
            var (previous, previousDays) = Sum(values, ps, pe, metric.Value);
            metricChanges[m] = new MetricChange(metric.Name, current, currentDays, previous, previousDays);
        }

        var rateChanges = new RateChange[rates.Count];
        for (var r = 0; r < rateChanges.Length; r++)
        {
            var rate = rates[r] ?? throw new ArgumentException("Rate " + r.ToString(System.Globalization.CultureInfo.InvariantCulture) + " is null.", nameof(rates));
            rateChanges[r] = new RateChange(
                rate.Name,
                RateSums.Of(values, cs, ce, rate.Numerator, rate.Denominator),
                RateSums.Of(values, ps, pe, rate.Numerator, rate.Denominator));
        }

        return new PeriodComparison(windows, ce - cs, pe - ps, metricChanges, rateChanges);
    }

    private static ComparisonWindows LastFull(LocalDate asOf, Func<LocalDate, DateInterval> bucketOf)
    {
        var containing = bucketOf(asOf);
        var current = containing.End == asOf ? containing : bucketOf(containing.Start.PlusDays(-1));
        return new ComparisonWindows(current, bucketOf(current.Start.PlusDays(-1)));
    }

    private static (double? Sum, int Days) Sum<T>(T[] values, int start, int end, Func<T, double?> read)
    {
        double sum = 0;
        var days = 0;
        for (var i = start; i < end; i++)
        {
            var v = read(values[i]);
            if (v.HasValue)
            {
                sum += v.GetValueOrDefault();
                days++;
            }
        }

        return (days == 0 ? null : sum, days);
    }
}
