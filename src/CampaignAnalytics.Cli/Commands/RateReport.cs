using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Display;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Rates;
using NodaTime;

namespace CampaignAnalytics.Cli.Commands;

/// <summary>How <c>report</c> groups days.</summary>
internal enum ReportPeriod
{
    Day,
    Week,
    Month,
}

/// <summary>What <c>report</c> keeps: channel keys, rate names and variations (API id or name); null keeps all.</summary>
internal sealed record ReportFilter(
    IReadOnlySet<string>? Channels = null,
    IReadOnlySet<string>? Rates = null,
    IReadOnlyList<string>? Variations = null)
{
    /// <summary>Keeps everything.</summary>
    public static ReportFilter All { get; } = new();

    public bool Keeps(ChannelDescriptor channel, RateDescriptor<IVariation> rate) =>
        (Channels is null || Channels.Contains(channel.Key)) && (Rates is null || Rates.Contains(rate.Name));

    public bool Keeps(RateRow row) =>
        Variations is null || Variations.Any(v => Catalogue.Variations.Matches(row.VariationApiId, row.VariationName, v));
}

/// <summary>
/// Every rate the catalogue declares, per campaign, period, channel and variation: the sum of numerators over
/// the sum of denominators of the elements that report both sides (never a mean of daily rates).
/// </summary>
/// <remarks>
/// Computed by <see cref="CampaignRates"/>, whose periods are the report's: whole calendar days, ISO weeks (Monday to
/// Sunday) or months, never clipped to the data or the window; <c>days</c> says how many of a period's days had data
/// and <c>partial</c> whether that is fewer than the period has. This class chooses the period and lays out the columns.
/// </remarks>
internal static class RateReport
{
    /// <summary>The machine formats' columns; <c>days</c> and <c>partial</c> come last so the earlier positions stay.</summary>
    public static readonly IReadOnlyList<Column> Columns = new[]
    {
        new Column(ColumnNames.PeriodStart, ColumnType.Date),
        new Column(ColumnNames.PeriodEnd, ColumnType.Date),
        new Column(ColumnNames.CampaignId, ColumnType.String),
        new Column(ColumnNames.Channel, ColumnType.String),
        new Column(ColumnNames.VariationApiId, ColumnType.String),
        new Column(ColumnNames.VariationName, ColumnType.String),
        new Column(ColumnNames.Rate, ColumnType.String),
        new Column(ColumnNames.Numerator, ColumnType.Number),
        new Column(ColumnNames.Denominator, ColumnType.Number),
        new Column(ColumnNames.Value, ColumnType.Number),
        new Column(ColumnNames.Days, ColumnType.Integer),
        new Column(ColumnNames.Partial, ColumnType.Boolean),
    };

    /// <summary>The library's period of a <see cref="ReportPeriod"/>.</summary>
    public static RatePeriod PeriodOf(ReportPeriod by) => by switch
    {
        ReportPeriod.Week => RatePeriod.IsoWeek,
        ReportPeriod.Month => RatePeriod.Month,
        _ => RatePeriod.Day,
    };

    private static string Noun(ReportPeriod by) => by.ToString().ToLowerInvariant();

    /// <summary>The report's rows, in the library's order; a proportion whose sums cannot be right is left empty and added to <paramref name="exceeded"/>.</summary>
    public static IReadOnlyList<RateRow> Rows(ChannelCatalogue catalogue, IReadOnlyList<CampaignInput> inputs, ReportPeriod by, ReportFilter filter, List<RateRow> exceeded)
    {
        var rows = new List<RateRow>();
        foreach (var input in inputs)
        {
            if (input.Days.Count == 0)
            {
                continue;
            }

            var data = input.DataSet(catalogue);
            foreach (var row in CampaignRates.Compute(data, new RateGrouping(Period: PeriodOf(by)), filter.Keeps))
            {
                if (!filter.Keeps(row))
                {
                    continue;
                }

                if (row.ExceedsDenominator)
                {
                    exceeded.Add(row);
                }

                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>Writes the rows in the <see cref="Columns"/> of <paramref name="sink"/> (CSV and JSON), as they come.</summary>
    public static void Write(IEnumerable<RateRow> rows, RowSink sink)
    {
        foreach (var row in rows)
        {
            sink.Date(row.PeriodStart);
            sink.Date(row.PeriodEnd);
            sink.String(row.CampaignId);
            sink.String(row.Channel);
            sink.String(row.VariationApiId);
            sink.String(row.VariationName);
            sink.String(row.Rate);
            sink.Number(row.Numerator);
            sink.Number(row.Denominator);
            sink.Number(row.Value);
            sink.Integer(row.DaysCounted);
            sink.Boolean(row.IsPartial);
            sink.EndRow();
        }
    }

    /// <summary>
    /// The rows for people: one table per campaign and channel (named in its title), the variation by name (its API id
    /// only when it has no name, or in a column of its own with <paramref name="ids"/>), the value as a percentage, the
    /// days a week or month covers (<c>5 of 7</c> when partial); the summed numerator and denominator are the first
    /// columns left out on a narrow terminal.
    /// </summary>
    public static IEnumerable<DisplayTable> ToDisplay(ChannelCatalogue catalogue, IReadOnlyList<RateRow> rows, ReportPeriod by, bool ids)
    {
        var columns = new List<DisplayColumn> { new(Noun(by)), new("variation") };
        if (ids)
        {
            columns.Add(new DisplayColumn("variation id", Unbroken: true));
        }

        columns.Add(new DisplayColumn("rate"));
        columns.Add(new DisplayColumn("numerator", Numeric: true, DropOrder: 2));
        columns.Add(new DisplayColumn("denominator", Numeric: true, DropOrder: 1));
        columns.Add(new DisplayColumn("value", Numeric: true));
        var days = by != ReportPeriod.Day;
        if (days)
        {
            columns.Add(new DisplayColumn("days", Numeric: true));
        }

        foreach (var group in rows.GroupBy(r => (r.CampaignId, r.Channel)))
        {
            var channel = group.Key.Channel is { } key ? catalogue.FindChannel(key) : null;
            var channelText = channel is null ? group.Key.Channel ?? "campaign" : $"{channel.Key} ({channel.DisplayName})";
            var table = new DisplayTable($"{group.Key.CampaignId} · {channelText} · per {Noun(by)}", columns);
            foreach (var r in group)
            {
                var cells = new List<string>
                {
                    Formatting.Period(r.PeriodStart, r.PeriodEnd),
                    r.VariationName ?? r.VariationApiId ?? "(none)",
                };
                if (ids)
                {
                    cells.Add(r.VariationApiId ?? string.Empty);
                }

                cells.Add(r.Rate);
                cells.Add(Formatting.Amount(r.Numerator));
                cells.Add(Formatting.Amount(r.Denominator));
                cells.Add(Formatting.Percent(r.Value));
                if (days)
                {
                    cells.Add(Formatting.Days(r.DaysCounted, r.Period.Length));
                }

                table.Add(cells.ToArray());
            }

            yield return table;
        }
    }

    /// <summary>
    /// One note (without the <c>note: </c> prefix) for rows whose proportion was left empty because an element summed
    /// into them has more of the numerator than of the denominator (more unique clicks than deliveries cannot be
    /// right); null when there are none.
    /// </summary>
    public static string? ExceededNote(IReadOnlyList<RateRow> exceeded) => exceeded.Count == 0 ? null : ExceededNote(exceeded[0], exceeded.Count);

    /// <summary>The note of <see cref="ExceededNote(IReadOnlyList{RateRow})"/> from the first such row and their count (rows read one campaign at a time).</summary>
    public static string ExceededNote(RateRow first, long count)
    {
        var who = $"campaign {first.CampaignId}, {first.Channel} / {first.VariationName ?? first.VariationApiId ?? "(no variation)"}, {first.Rate}";
        var more = count == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; and {count - 1} more");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{count} rate value(s) left empty because a day has more of the numerator than of the denominator, which no proportion can ({who} on {Dates.Format(first.ExceedingDay.GetValueOrDefault())}, in the row {Dates.Format(first.PeriodStart)}..{Dates.Format(first.PeriodEnd)}{more}); check the input.");
    }

    /// <summary>How many periods with missing days a note lists before it counts the rest.</summary>
    private const int Listed = 3;

    /// <summary>
    /// One note per campaign (without the <c>note: </c> prefix) whose weeks or months lack days inside the data (or the
    /// window): their rates cover only the days present. Periods cut only by the first or last day of the data or window
    /// are not listed (their <c>days</c> and <c>partial</c> columns say so). Days are never partial.
    /// </summary>
    public static IEnumerable<string> GapNotes(IReadOnlyList<CampaignInput> inputs, ReportPeriod by, LocalDate? from, LocalDate? to)
    {
        if (by == ReportPeriod.Day)
        {
            yield break;
        }

        var noun = Noun(by);
        foreach (var input in inputs)
        {
            if (input.Days.Count == 0)
            {
                continue;
            }

            var range = new DateInterval(from ?? input.Days[0].Time, to ?? input.Days[^1].Time);
            var periods = PeriodOf(by).Coverage(input.Days.Select(d => d.Time));
            var gappy = periods.Where(p => Inside(p.Period, range) > p.DaysPresent).ToList();
            if (gappy.Count == 0)
            {
                continue;
            }

            var listed = gappy.Take(Listed).Select(p => FormattableString.Invariant($"{Dates.Format(p.Period.Start)}..{Dates.Format(p.Period.End)}: {p.DaysPresent} of {p.Period.Length} days present"));
            var more = gappy.Count > Listed ? FormattableString.Invariant($"; and {gappy.Count - Listed} more") : string.Empty;
            var one = gappy.Count == 1;
            yield return FormattableString.Invariant(
                $"campaign {input.CampaignId}: {gappy.Count} of {periods.Count} {noun}{(periods.Count == 1 ? string.Empty : "s")} {(one ? "has" : "have")} days missing inside the data ({string.Join("; ", listed)}{more}); {(one ? "its" : "their")} rates cover only the days present.");
        }
    }

    /// <summary>Days of <paramref name="period"/> inside <paramref name="range"/>.</summary>
    private static int Inside(DateInterval period, DateInterval range)
    {
        var start = LocalDate.Max(period.Start, range.Start);
        var end = LocalDate.Min(period.End, range.End);
        return end < start ? 0 : Period.DaysBetween(start, end) + 1;
    }
}
