using CampaignAnalytics.Invariant;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Serialization;
using CampaignAnalytics.Windows;
using Microsoft.Data.Analysis;

namespace CampaignAnalytics.Rates;

/// <summary>One rate of one group in two windows (e.g. this week against last week).</summary>
/// <param name="CampaignId">The campaign id; null when campaigns are pooled.</param>
/// <param name="Channel">The channel key; null when channels are pooled.</param>
/// <param name="VariationApiId">The variation API id; null when variations are pooled or it has none.</param>
/// <param name="VariationName">The variation name; null when variations are pooled or it has none.</param>
/// <param name="Rate">The rate's schema name, e.g. <c>UniqueClickRate</c>.</param>
/// <param name="Windows">The current and previous windows.</param>
/// <param name="Current">The rate over the current window; null when no row of the window carries it.</param>
/// <param name="Previous">The rate over the previous window; null when no row of the window carries it.</param>
public sealed record RateChangeRow(
    string? CampaignId,
    string? Channel,
    string? VariationApiId,
    string? VariationName,
    string Rate,
    ComparisonWindows Windows,
    RateRow? Current,
    RateRow? Previous)
{
    /// <summary>The current window's rate as a fraction; null when absent or its denominator is zero.</summary>
    public double? CurrentValue => Current?.Value;

    /// <summary>The previous window's rate as a fraction; null when absent or its denominator is zero.</summary>
    public double? PreviousValue => Previous?.Value;

    /// <summary>The change in percentage points ((current − previous) × 100); null when either rate is null.</summary>
    public double? ChangeInPoints => CurrentValue is double c && PreviousValue is double p ? (c - p) * 100 : null;

    /// <summary>The relative change ((current − previous) / previous) as a fraction; null when either is null or the previous rate is 0.</summary>
    public double? RelativeChange => CurrentValue is double c && PreviousValue is double p && p != 0 ? (c - p) / p : null;

    /// <summary>The row printed by the record's ToString, culture-independent (dates yyyy-MM-dd, numbers round-trip with a "." decimal point).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(
            builder,
            (nameof(CampaignId), CampaignId),
            (nameof(Channel), Channel),
            (nameof(VariationApiId), VariationApiId),
            (nameof(VariationName), VariationName),
            (nameof(Rate), Rate),
            (nameof(Windows), Windows),
            (nameof(Current), Current),
            (nameof(Previous), Previous),
            (nameof(CurrentValue), CurrentValue),
            (nameof(PreviousValue), PreviousValue),
            (nameof(ChangeInPoints), ChangeInPoints),
            (nameof(RelativeChange), RelativeChange));
}

/// <summary>
/// Period-over-period comparison of every rate the schema declares: the rates of each group in a current
/// window against a previous one, each computed as Σnumerator / Σdenominator over its own window.
/// </summary>
public static class RateChanges
{
    /// <summary>Compares every channel rate of every group between two windows.</summary>
    /// <param name="data">The campaigns. Invalid: null.</param>
    /// <param name="windows">The current and previous windows, e.g. <see cref="PeriodOverPeriod.LastFullWeeks"/>. Invalid: null.</param>
    /// <param name="grouping">How to group (its period is ignored: each window is one period); null for per variation.</param>
    /// <returns>One row per group and rate found in either window, current-window order first.</returns>
    public static IReadOnlyList<RateChangeRow> Compare(CampaignDataSet data, ComparisonWindows windows, RateGrouping? grouping = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(windows);
        grouping ??= RateGrouping.PerVariation;
        var current = CampaignRates.Compute(data, grouping with { Period = RatePeriod.Within(windows.Current) });
        var previous = CampaignRates.Compute(data, grouping with { Period = RatePeriod.Within(windows.Previous) });
        var previousByKey = new Dictionary<(string?, string?, string?, string), RateRow>();
        foreach (var row in previous)
        {
            previousByKey.TryAdd(Key(row), row);
        }

        var result = new List<RateChangeRow>(current.Count);
        var seen = new HashSet<(string?, string?, string?, string)>();
        foreach (var row in current)
        {
            var key = Key(row);
            seen.Add(key);
            previousByKey.TryGetValue(key, out var before);
            result.Add(new RateChangeRow(row.CampaignId, row.Channel, row.VariationApiId, row.VariationName, row.Rate, windows, row, before));
        }

        foreach (var row in previous.Where(r => !seen.Contains(Key(r))))
        {
            result.Add(new RateChangeRow(row.CampaignId, row.Channel, row.VariationApiId, row.VariationName, row.Rate, windows, null, row));
        }

        return result;
    }

    /// <summary>
    /// The changes as a DataFrame: <c>campaign_id, channel, variation_api_id, variation_name, rate, current_start,
    /// current_end, current, previous_start, previous_end, previous, change_points, relative_change</c>; dates as yyyy-MM-dd.
    /// </summary>
    /// <param name="rows">The rows. Invalid: null.</param>
    public static DataFrame ToDataFrame(this IEnumerable<RateChangeRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows as IReadOnlyList<RateChangeRow> ?? rows.ToList();
        return new DataFrame(
            ColumnFactory.String(ColumnNames.CampaignId, list, r => r.CampaignId),
            ColumnFactory.String(ColumnNames.Channel, list, r => r.Channel),
            ColumnFactory.String(ColumnNames.VariationApiId, list, r => r.VariationApiId),
            ColumnFactory.String(ColumnNames.VariationName, list, r => r.VariationName),
            ColumnFactory.String(ColumnNames.Rate, list, r => r.Rate),
            ColumnFactory.String("current_start", list, r => InvariantText.Iso(r.Windows.Current.Start)),
            ColumnFactory.String("current_end", list, r => InvariantText.Iso(r.Windows.Current.End)),
            ColumnFactory.Double("current", list, r => r.CurrentValue),
            ColumnFactory.String("previous_start", list, r => InvariantText.Iso(r.Windows.Previous.Start)),
            ColumnFactory.String("previous_end", list, r => InvariantText.Iso(r.Windows.Previous.End)),
            ColumnFactory.Double("previous", list, r => r.PreviousValue),
            ColumnFactory.Double("change_points", list, r => r.ChangeInPoints),
            ColumnFactory.Double("relative_change", list, r => r.RelativeChange));
    }

    private static (string?, string?, string?, string) Key(RateRow row) =>
        (row.CampaignId, row.Channel, row.VariationApiId ?? row.VariationName, row.Rate);
}
