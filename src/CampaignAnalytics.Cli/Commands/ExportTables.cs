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
/// Rows are written to a <see cref="RowSink"/> as they are produced, one campaign at a time: the long table is
/// <see cref="CampaignDataSet.Values"/> without derived values, in the same order. The wide table is one table over
/// every channel (the library's wide frames are one per channel), so that one file holds the whole export; its columns
/// depend on every campaign's channels and dynamic fields, so the campaigns are read twice: once for the columns, once
/// for the rows.
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

    // One campaign's elements, in day and catalogue channel order (the library's data set checks the days).
    private static CampaignDataSet DataSet(ChannelCatalogue catalogue, CampaignInput input) =>
        new(catalogue, new[] { input.Campaign });

    /// <summary>Writes the long rows of every campaign: counts as integers, amounts as numbers.</summary>
    public static void Long(ChannelCatalogue catalogue, IEnumerable<CampaignInput> inputs, RowSink sink)
    {
        foreach (var input in inputs)
        {
            foreach (var element in DataSet(catalogue, input).Elements)
            {
                var channel = element.Channel;
                var model = element.Element;
                foreach (var metric in channel.Metrics)
                {
                    if (metric.Kind == MetricKind.Count)
                    {
                        if (metric.GetCount(model) is { } count)
                        {
                            Row(sink, element, metric.Name, count, null);
                        }
                    }
                    else if (metric.GetValue(model) is { } amount)
                    {
                        Row(sink, element, metric.Name, null, amount);
                    }
                }

                foreach (var group in channel.DynamicMetrics)
                {
                    foreach (var pair in group.Get(model))
                    {
                        Row(sink, element, pair.Key, pair.Value, null);
                    }
                }
            }
        }

        sink.Complete();
    }

    private static void Row(RowSink sink, VariationDay element, string metric, long? count, double? amount) =>
        sink.LongRow(element.CampaignId, element.Date, element.Channel.Key, element.VariationApiId, element.VariationName, metric, count, amount);

    /// <summary>
    /// The wide table's columns: the long key columns but the metric, then the metrics of the channels present, in
    /// catalogue order, then dynamic fields sorted; a name that is a count in one channel and an amount in another becomes a
    /// number column. Reads every campaign once.
    /// </summary>
    public static IReadOnlyList<Column> WideColumns(ChannelCatalogue catalogue, IEnumerable<CampaignInput> inputs)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        var dynamic = new SortedSet<string>(StringComparer.Ordinal);
        // Walks the days' elements without flattening them into rows (the rows are made by the second pass, Wide).
        foreach (var input in inputs)
        {
            foreach (var day in input.Days)
            {
                foreach (var channel in catalogue.Channels)
                {
                    var elements = channel.GetVariations(day);
                    if (elements.Count == 0)
                    {
                        continue;
                    }

                    present.Add(channel.Key);
                    foreach (var group in channel.DynamicMetrics)
                    {
                        foreach (var element in elements)
                        {
                            dynamic.UnionWith(group.Get(element).Keys);
                        }
                    }
                }
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

        return LongColumns.Take(5).Concat(metricColumns.Select(n => new Column(n, kinds[n]))).ToArray();
    }

    /// <summary>Writes one wide row per element of every campaign, in the columns of <see cref="WideColumns"/> (a sink made with them).</summary>
    public static void Wide(ChannelCatalogue catalogue, IEnumerable<CampaignInput> inputs, RowSink sink)
    {
        var columns = sink.Columns;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 5; i < columns.Count; i++)
        {
            index[columns[i].Name] = i;
        }

        var counts = new long?[columns.Count];
        var amounts = new double?[columns.Count];
        foreach (var input in inputs)
        {
            foreach (var element in DataSet(catalogue, input).Elements)
            {
                Array.Clear(counts);
                Array.Clear(amounts);
                var model = element.Element;
                foreach (var metric in element.Channel.Metrics)
                {
                    if (metric.Kind == MetricKind.Count)
                    {
                        counts[index[metric.Name]] = metric.GetCount(model);
                    }
                    else
                    {
                        amounts[index[metric.Name]] = metric.GetValue(model);
                    }
                }

                foreach (var group in element.Channel.DynamicMetrics)
                {
                    foreach (var pair in group.Get(model))
                    {
                        counts[index[pair.Key]] = pair.Value;
                    }
                }

                sink.String(element.CampaignId);
                sink.Date(element.Date);
                sink.String(element.Channel.Key);
                sink.String(element.VariationApiId);
                sink.String(element.VariationName);
                for (var i = 5; i < columns.Count; i++)
                {
                    if (columns[i].Type == ColumnType.Integer)
                    {
                        sink.Integer(counts[i]);
                    }
                    else
                    {
                        // A count in a number column (a name that is an amount in another channel) is written as a double.
                        sink.Number(counts[i] is { } l ? l : amounts[i]);
                    }
                }

                sink.EndRow();
            }
        }

        sink.Complete();
    }
}
