using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Frames;

namespace CampaignAnalytics.Cli.Commands;

/// <summary>
/// The raw per-element metrics of every channel as a long table (one row per metric value) or a wide one (one row
/// per element, one column per metric). Field metrics and dynamic fields (e.g. <c>notif_button_1_Buy_click</c>) are
/// exported; derived metrics are not (they are computed from the exported ones); absent fields are left out of the
/// long table and empty in the wide one. Channels and metrics come from the catalogue.
/// </summary>
/// <remarks>
/// The long table is <see cref="CampaignDataSet.Values"/> without derived values. The wide table is one table over
/// every channel (the library's wide frames are one per channel), so that one file holds the whole export.
/// </remarks>
internal static class ExportTables
{
    public static readonly IReadOnlyList<Column> LongColumns = new[]
    {
        new Column(ColumnNames.CampaignId, ColumnType.String),
        new Column(ColumnNames.Date, ColumnType.Date),
        new Column(ColumnNames.Channel, ColumnType.String),
        new Column(ColumnNames.VariationApiId, ColumnType.String),
        new Column(ColumnNames.VariationName, ColumnType.String),
        new Column(ColumnNames.Metric, ColumnType.String),
        new Column(ColumnNames.Value, ColumnType.Number),
    };

    // One walk over the inputs, shared by both layouts: the library's data set (elements in campaign, day,
    // catalogue channel order).
    private static CampaignDataSet DataSet(ChannelCatalogue catalogue, IReadOnlyList<CampaignInput> inputs) =>
        new(catalogue, inputs.Select(i => i.Campaign).ToArray());

    /// <summary>The element's metric values: counts as long, amounts as double.</summary>
    private static IEnumerable<(string Name, object Value)> Values(ChannelDescriptor channel, IVariation element)
    {
        foreach (var metric in channel.Metrics)
        {
            // Boxed separately: a conditional of long? and double? would be double?, turning counts into doubles
            // (which the Parquet writer's INT64 columns then dropped as null).
            object? value = metric.Kind == MetricKind.Count ? metric.GetCount(element) : (object?)metric.GetValue(element);
            if (value is not null)
            {
                yield return (metric.Name, value);
            }
        }

        foreach (var group in channel.DynamicMetrics)
        {
            foreach (var pair in group.Get(element))
            {
                yield return (pair.Key, pair.Value);
            }
        }
    }

    public static Table Long(ChannelCatalogue catalogue, IReadOnlyList<CampaignInput> inputs)
    {
        var table = new Table(LongColumns);
        var data = DataSet(catalogue, inputs);
        foreach (var value in data.Values)
        {
            if (value.Source == MetricSource.Derived)
            {
                continue; // Computed from the exported fields.
            }

            table.Add(value.CampaignId, value.Date, value.Channel, value.VariationApiId, value.VariationName, value.Metric,
                value.Kind == MetricKind.Count ? (object)(long)value.Value : value.Value);
        }

        return table;
    }

    public static Table Wide(ChannelCatalogue catalogue, IReadOnlyList<CampaignInput> inputs)
    {
        // Columns: the metrics of the channels present, in catalogue order, then dynamic fields sorted; a name that
        // is a count in one channel and an amount in another becomes a number column.
        var data = DataSet(catalogue, inputs);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var dynamic = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var element in data.Elements)
        {
            present.Add(element.Channel.Key);
            foreach (var group in element.Channel.DynamicMetrics)
            {
                dynamic.UnionWith(group.Get(element.Element).Keys);
            }
        }

        var metricColumns = new List<string>();
        var kinds = new Dictionary<string, ColumnType>(StringComparer.Ordinal);
        foreach (var channel in catalogue.Channels.Where(c => present.Contains(c.Key)))
        {
            foreach (var metric in channel.Metrics)
            {
                var type = metric.Kind == MetricKind.Count ? ColumnType.Integer : ColumnType.Number;
                if (kinds.TryGetValue(metric.Name, out var seen))
                {
                    kinds[metric.Name] = seen == type ? seen : ColumnType.Number;
                }
                else
                {
                    kinds[metric.Name] = type;
                    metricColumns.Add(metric.Name);
                }
            }
        }

        foreach (var name in dynamic.Where(n => !kinds.ContainsKey(n)))
        {
            kinds[name] = ColumnType.Integer;
            metricColumns.Add(name);
        }

        var columns = LongColumns.Take(5).Concat(metricColumns.Select(n => new Column(n, kinds[n]))).ToArray();
        var index = metricColumns.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => 5 + x.i, StringComparer.Ordinal);
        var table = new Table(columns);
        foreach (var element in data.Elements)
        {
            var row = new object?[columns.Length];
            row[0] = element.CampaignId;
            row[1] = element.Date;
            row[2] = element.Channel.Key;
            row[3] = element.VariationApiId;
            row[4] = element.VariationName;
            foreach (var (name, value) in Values(element.Channel, element.Element))
            {
                row[index[name]] = kinds[name] == ColumnType.Number && value is long l ? (double)l : value;
            }

            table.Add(row);
        }

        return table;
    }
}
