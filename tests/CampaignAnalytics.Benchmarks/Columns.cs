using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CampaignAnalytics.Benchmarks;

/// <summary>The config every payload benchmark class shares: the payload size and MB/s columns.</summary>
public sealed class PayloadConfig : ManualConfig
{
    public PayloadConfig()
    {
        AddColumn(PayloadColumn.Size, PayloadColumn.Throughput);
    }
}

/// <summary>
/// Columns computed from the benchmark's <c>Payload</c> parameter: its size in bytes (what one operation reads)
/// and the throughput, payload megabytes (10^6 bytes) per second of mean time.
/// </summary>
public sealed class PayloadColumn : IColumn
{
    public static readonly IColumn Size = new PayloadColumn(throughput: false);
    public static readonly IColumn Throughput = new PayloadColumn(throughput: true);

    private readonly bool _throughput;

    private PayloadColumn(bool throughput) => _throughput = throughput;

    public string Id => _throughput ? "PayloadMBps" : "PayloadKB";

    public string ColumnName => _throughput ? "MB/s" : "Payload KB";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _throughput ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _throughput
        ? "Payload megabytes (10^6 bytes) read per second: payload size / mean time"
        : "Size of the payload one operation reads (all its response bodies), in 10^3 bytes";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var payload = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Payload")?.Value as string;
        if (payload is null)
        {
            return "-";
        }

        var bytes = Payloads.SizeOf(payload);
        if (!_throughput)
        {
            return (bytes / 1e3).ToString("N1", CultureInfo.InvariantCulture);
        }

        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (bytes * 1e3 / mean.Value).ToString("N1", CultureInfo.InvariantCulture) : "NA";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
