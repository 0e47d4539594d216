using System.Globalization;
using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Rates;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Cli.Commands;

/// <summary>How <c>report</c> groups days.</summary>
internal enum ReportPeriod
{
    Day,
    Week,
    Month,
}

/// <summary>
/// Every rate the catalogue declares, per campaign, period, channel and variation: the sum of numerators over
/// the sum of denominators of the elements that report both sides (never a mean of daily rates).
/// </summary>
/// <remarks>Computed by <see cref="CampaignRates"/>; this class only chooses the periods and lays out the columns.</remarks>
internal static class RateReport
{
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
    };

    /// <summary>The period containing a date, clipped to the dates covered (<paramref name="range"/>).</summary>
    public static DateInterval PeriodOf(LocalDate date, ReportPeriod by, DateInterval range)
    {
        var full = by switch
        {
            ReportPeriod.Day => new DateInterval(date, date),
            ReportPeriod.Week => CalendarBuckets.WeekContaining(date),
            _ => CalendarBuckets.MonthContaining(date),
        };
        var start = full.Start < range.Start ? range.Start : full.Start;
        var end = full.End > range.End ? range.End : full.End;
        return new DateInterval(start, end);
    }

    /// <summary>The periods of one campaign: calendar days, ISO weeks or months, clipped to the dates covered (the window, else the data).</summary>
    private static RatePeriod PeriodsOf(CampaignInput input, ReportPeriod by, LocalDate? from, LocalDate? to)
    {
        var range = new DateInterval(from ?? input.Days[0].Date, to ?? input.Days[^1].Date);
        return RatePeriod.Custom(d => PeriodOf(d, by, range), by.ToString().ToLowerInvariant());
    }

    /// <summary>The report's rows; a proportion whose sums cannot be right is left empty and added to <paramref name="exceeded"/>.</summary>
    public static Table Build(ChannelCatalogue catalogue, IReadOnlyList<CampaignInput> inputs, ReportPeriod by, LocalDate? from, LocalDate? to, List<RateRow> exceeded)
    {
        var table = new Table(Columns);
        foreach (var input in inputs)
        {
            if (input.Days.Count == 0)
            {
                continue;
            }

            var period = PeriodsOf(input, by, from, to);
            var data = CampaignDataSet.Create(catalogue, input.CampaignId, catalogue.CreateResponse("success", input.Days));
            foreach (var row in CampaignRates.Compute(data, new RateGrouping(Period: period)))
            {
                if (row.ExceedsDenominator)
                {
                    exceeded.Add(row);
                }

                table.Add(row.PeriodStart, row.PeriodEnd, row.CampaignId, row.Channel, row.VariationApiId, row.VariationName, row.Rate, row.Numerator, row.Denominator, row.Value);
            }
        }

        return table;
    }

    /// <summary>
    /// One note (without the <c>note: </c> prefix) for rows whose proportion was left empty because an element summed
    /// into them has more of the numerator than of the denominator (more unique clicks than deliveries cannot be
    /// right); null when there are none.
    /// </summary>
    public static string? ExceededNote(IReadOnlyList<RateRow> exceeded)
    {
        if (exceeded.Count == 0)
        {
            return null;
        }

        var first = exceeded[0];
        var who = $"campaign {first.CampaignId}, {first.Channel} / {first.VariationName ?? first.VariationApiId ?? "(no variation)"}, {first.Rate}";
        var more = exceeded.Count == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; and {exceeded.Count - 1} more");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{exceeded.Count} rate value(s) left empty because a day has more of the numerator than of the denominator, which no proportion can ({who} on {Dates.Format(first.ExceedingDay.GetValueOrDefault())}, in the row {Dates.Format(first.PeriodStart)}..{Dates.Format(first.PeriodEnd)}{more}); check the input.");
    }

    /// <summary>How many periods with missing days a note lists before it counts the rest.</summary>
    private const int Listed = 3;

    /// <summary>
    /// One note per campaign (without the <c>note: </c> prefix) whose periods hold days with no data: their rows are
    /// labelled with the whole period but their rates cover only the days present. Days are never partial.
    /// </summary>
    public static IEnumerable<string> GapNotes(IReadOnlyList<CampaignInput> inputs, ReportPeriod by, LocalDate? from, LocalDate? to)
    {
        if (by == ReportPeriod.Day)
        {
            yield break;
        }

        var noun = by == ReportPeriod.Week ? "week" : "month";
        foreach (var input in inputs)
        {
            if (input.Days.Count == 0)
            {
                continue;
            }

            var periods = PeriodsOf(input, by, from, to).Coverage(input.Days.Select(d => d.Date));
            var partial = periods.Where(p => !p.IsComplete).ToList();
            if (partial.Count == 0)
            {
                continue;
            }

            var listed = partial.Take(Listed).Select(p => FormattableString.Invariant($"{Dates.Format(p.Period.Start)}..{Dates.Format(p.Period.End)}: {p.DaysPresent} of {p.Period.Length} days present"));
            var more = partial.Count > Listed ? FormattableString.Invariant($"; and {partial.Count - Listed} more") : string.Empty;
            var one = partial.Count == 1;
            yield return FormattableString.Invariant(
                $"campaign {input.CampaignId}: {partial.Count} of {periods.Count} {noun}{(periods.Count == 1 ? string.Empty : "s")} {(one ? "has" : "have")} missing days ({string.Join("; ", listed)}{more}); {(one ? "its" : "their")} rates cover only the days present.");
        }
    }
}
