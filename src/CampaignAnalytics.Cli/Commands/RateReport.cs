using System;
using System.Collections.Generic;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
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
/// <remarks>
/// TODO(frames): when <c>CampaignAnalytics.Rates</c> (RateRow, branch <c>frames</c>) lands on main, build this
/// table from its rows instead; the columns are already the same.
/// </remarks>
internal static class RateReport
{
    public static readonly IReadOnlyList<Column> Columns = new[]
    {
        new Column("period_start", ColumnType.Date),
        new Column("period_end", ColumnType.Date),
        new Column("campaign_id", ColumnType.String),
        new Column("channel", ColumnType.String),
        new Column("variation_api_id", ColumnType.String),
        new Column("variation_name", ColumnType.String),
        new Column("rate", ColumnType.String),
        new Column("numerator", ColumnType.Number),
        new Column("denominator", ColumnType.Number),
        new Column("value", ColumnType.Number),
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

    public static Table Build(ChannelCatalogue catalogue, IReadOnlyList<CampaignInput> inputs, ReportPeriod by, LocalDate? from, LocalDate? to)
    {
        var table = new Table(Columns);
        foreach (var input in inputs)
        {
            if (input.Days.Count == 0)
            {
                continue;
            }

            var range = new DateInterval(from ?? input.Days[0].Date, to ?? input.Days[^1].Date);

            // Days are sorted, so periods come in order; within a period, channels follow the catalogue and
            // variations their first appearance.
            var periodStart = 0;
            while (periodStart < input.Days.Count)
            {
                var period = PeriodOf(input.Days[periodStart].Date, by, range);
                var periodEnd = periodStart;
                while (periodEnd < input.Days.Count && period.Contains(input.Days[periodEnd].Date))
                {
                    periodEnd++;
                }

                foreach (var channel in catalogue.Channels)
                {
                    AddChannel(table, input.CampaignId, period, channel, input.Days, periodStart, periodEnd);
                }

                periodStart = periodEnd;
            }
        }

        return table;
    }

    private static void AddChannel(Table table, string campaignId, DateInterval period, ChannelDescriptor channel, IReadOnlyList<IDailyDataPoint> days, int start, int end)
    {
        var order = new List<(string Key, string? Id, string? Name)>();
        var sums = new Dictionary<string, (double Num, double Den, int Count)[]>(StringComparer.Ordinal);
        for (var d = start; d < end; d++)
        {
            foreach (var element in channel.GetVariations(days[d]))
            {
                var key = Variations.KeyOf(element);
                if (!sums.TryGetValue(key, out var perRate))
                {
                    perRate = new (double, double, int)[channel.Rates.Count];
                    sums[key] = perRate;
                    order.Add((key, element.VariationApiId, element.VariationName));
                }

                for (var r = 0; r < channel.Rates.Count; r++)
                {
                    var rate = channel.Rates[r];
                    if (rate.Numerator.GetValue(element) is double num && rate.Denominator.GetValue(element) is double den)
                    {
                        perRate[r] = (perRate[r].Num + num, perRate[r].Den + den, perRate[r].Count + 1);
                    }
                }
            }
        }

        foreach (var (key, id, name) in order)
        {
            var perRate = sums[key];
            for (var r = 0; r < channel.Rates.Count; r++)
            {
                var (num, den, count) = perRate[r];
                if (count == 0)
                {
                    continue; // No element of this variation reported both sides of the rate (e.g. a control group's click rate).
                }

                table.Add(period.Start, period.End, campaignId, channel.Key, id, name, channel.Rates[r].Name, num, den, den == 0 ? null : num / den);
            }
        }
    }
}
