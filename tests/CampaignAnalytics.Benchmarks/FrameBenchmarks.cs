using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using Microsoft.Data.Analysis;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Benchmarks;

/// <summary>
/// Payload → wide DataFrames (one per channel present, through <see cref="CampaignDataSet"/>) against filling the
/// same typed arrays directly from the parsed models (the floor), and the parse alone (the baseline the frame
/// target is measured against).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PayloadConfig))]
public class FrameBenchmarks
{
    private static readonly ChannelCatalogue s_catalogue = CampaignDataSeriesCatalogue.Instance;
    private byte[][] _bodies = Array.Empty<byte[]>();
    private string[] _ids = Array.Empty<string>();
    private CampaignDays<DailyDataPoint>[] _parsed = Array.Empty<CampaignDays<DailyDataPoint>>();

    [ParamsSource(nameof(PayloadNames))]
    public string Payload { get; set; } = Payloads.OneDay;

    public static IEnumerable<string> PayloadNames => Payloads.Names;

    [GlobalSetup]
    public void Setup()
    {
        _bodies = Payloads.Get(Payload);
        _ids = Payloads.CampaignIds(Payload);
        _parsed = Parse();
        _shapes = Shapes(_parsed);
    }

    /// <summary>The generated reader alone: what the frame building is compared with.</summary>
    [Benchmark(Baseline = true)]
    public int ParseOnly() => Parse().Length;

    /// <summary>Bytes to one wide DataFrame per channel present: parse, flatten, build the frames.</summary>
    [Benchmark]
    public int PayloadToWideFrames() => WideFrames(Parse());

    /// <summary>The floor of the above: parse, then fill the same typed arrays directly (no rows, no DataFrame).</summary>
    [Benchmark]
    public long PayloadToTypedArrays() => TypedArrays(Parse());

    /// <summary>Frame building alone, from responses already parsed.</summary>
    [Benchmark]
    public int WideFramesFromParsed() => WideFrames(_parsed);

    /// <summary>The floor of frame building alone: the typed arrays from responses already parsed.</summary>
    [Benchmark]
    public long TypedArraysFromParsed() => TypedArrays(_parsed);

    /// <summary>
    /// Microsoft.Data.Analysis's own share of the wide frames: the same DataFrames and columns (names, types, row
    /// counts) built from buffers made ready in setup, reading nothing from the responses.
    /// </summary>
    [Benchmark]
    public int DataFrameObjectsOnly()
    {
        var columns = 0;
        foreach (var shape in _shapes)
        {
            var list = new List<DataFrameColumn>(4 + shape.Metrics.Count);
            foreach (var name in WideKeyColumns)
            {
                list.Add(new StringDataFrameColumn(name, shape.Texts));
            }

            foreach (var metric in shape.Metrics)
            {
                list.Add(metric.Kind == MetricKind.Count
                    ? new Int64DataFrameColumn(metric.Name, shape.Values, shape.Validity, shape.Rows, 0)
                    : new DoubleDataFrameColumn(metric.Name, shape.Values, shape.Validity, shape.Rows, 0));
            }

            columns += new DataFrame(list).Columns.Count;
        }

        return columns;
    }

    private static readonly string[] WideKeyColumns = { ColumnNames.CampaignId, ColumnNames.Date, ColumnNames.VariationApiId, ColumnNames.VariationName };

    private FrameShape[] _shapes = Array.Empty<FrameShape>();

    /// <summary>One wide frame's shape: its row count, its metric columns and ready buffers of that many rows.</summary>
    private sealed record FrameShape(int Rows, IReadOnlyList<MetricDescriptor<IVariation>> Metrics, string?[] Texts, byte[] Values, byte[] Validity);

    private static FrameShape[] Shapes(CampaignDays<DailyDataPoint>[] campaigns)
    {
        var set = CampaignDataSet.Create(s_catalogue, campaigns);
        var shapes = new List<FrameShape>();
        foreach (var channel in set.ChannelsPresent)
        {
            var rows = set.ElementsOf(channel).Count;
            var metrics = new List<MetricDescriptor<IVariation>>(channel.Metrics);
            metrics.AddRange(channel.DerivedMetrics);
            var validity = new byte[(rows + 7) / 8];
            Array.Fill(validity, (byte)0xFF);
            shapes.Add(new FrameShape(rows, metrics, new string?[rows], new byte[rows * sizeof(long)], validity));
        }

        return shapes.ToArray();
    }

    private CampaignDays<DailyDataPoint>[] Parse()
    {
        var campaigns = new CampaignDays<DailyDataPoint>[_bodies.Length];
        for (var i = 0; i < _bodies.Length; i++)
        {
            campaigns[i] = new CampaignDays<DailyDataPoint>(_ids[i], CampaignDataSeriesResponse.Parse(_bodies[i]).Data!);
        }

        return campaigns;
    }

    private static int WideFrames(CampaignDays<DailyDataPoint>[] campaigns)
    {
        var columns = 0;
        foreach (var frame in CampaignDataSet.Create(s_catalogue, campaigns).ToWideFrames().Values)
        {
            columns += frame.Columns.Count;
        }

        return columns;
    }

    /// <summary>
    /// What a wide frame holds, per channel present: campaign id, date text, variation id and name, then per field
    /// and derived metric a value array and a validity bitmap. Filled in one pass per channel.
    /// </summary>
    private static long TypedArrays(CampaignDays<DailyDataPoint>[] campaigns)
    {
        var dates = new Dictionary<LocalDate, string>();
        long check = 0;
        foreach (var channel in s_catalogue.Channels)
        {
            var n = 0;
            foreach (var campaign in campaigns)
            {
                foreach (var day in campaign.Days)
                {
                    n += channel.GetVariations(day).Count;
                }
            }

            if (n == 0)
            {
                continue;
            }

            var campaignIds = new string?[n];
            var dateTexts = new string?[n];
            var apiIds = new string?[n];
            var names = new string?[n];
            var metrics = new List<MetricDescriptor<IVariation>>(channel.Metrics);
            metrics.AddRange(channel.DerivedMetrics);
            var counts = new long[metrics.Count][];
            var amounts = new double[metrics.Count][];
            var validity = new byte[metrics.Count][];
            for (var m = 0; m < metrics.Count; m++)
            {
                if (metrics[m].Kind == MetricKind.Count)
                {
                    counts[m] = new long[n];
                }
                else
                {
                    amounts[m] = new double[n];
                }

                validity[m] = new byte[(n + 7) / 8];
            }

            var row = 0;
            foreach (var campaign in campaigns)
            {
                foreach (var day in campaign.Days)
                {
                    var date = day.Time;
                    if (!dates.TryGetValue(date, out var text))
                    {
                        text = LocalDatePattern.Iso.Format(date);
                        dates.Add(date, text);
                    }

                    foreach (var element in channel.GetVariations(day))
                    {
                        campaignIds[row] = campaign.CampaignId;
                        dateTexts[row] = text;
                        apiIds[row] = element.VariationApiId;
                        names[row] = element.VariationName;
                        for (var m = 0; m < metrics.Count; m++)
                        {
                            var metric = metrics[m];
                            if (metric.Kind == MetricKind.Count)
                            {
                                if (metric.GetCount(element) is { } c)
                                {
                                    counts[m][row] = c;
                                    validity[m][row >> 3] |= (byte)(1 << (row & 7));
                                }
                            }
                            else if (metric.GetValue(element) is { } v)
                            {
                                amounts[m][row] = v;
                                validity[m][row >> 3] |= (byte)(1 << (row & 7));
                            }
                        }

                        row++;
                    }
                }
            }

            check += row + metrics.Count;
        }

        return check;
    }
}
