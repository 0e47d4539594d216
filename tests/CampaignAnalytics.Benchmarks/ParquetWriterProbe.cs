using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using Parquet;
using Parquet.Schema;

namespace CampaignAnalytics.Benchmarks;

/// <summary>One writer's median over the rounds of <see cref="ParquetWriterProbe"/>.</summary>
/// <param name="Writer">Which library wrote the file.</param>
/// <param name="CpuMilliseconds">Process CPU time (every thread) per file, median.</param>
/// <param name="WallMilliseconds">Wall time per file, median.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="DictionaryStrings">Whether every string column chunk of the file has a dictionary page (read back with ParquetSharp).</param>
public sealed record ParquetWriterLine(string Writer, double CpuMilliseconds, double WallMilliseconds, long Bytes, bool DictionaryStrings);

/// <summary>
/// Parquet.Net against ParquetSharp (Apache Arrow's C++ Parquet writer) for the long export's rows, in one process: the
/// rows of a seeded portfolio (<see cref="Portfolio"/>, flattened by <see cref="CampaignDataSet"/> without derived
/// values) are held in typed columns once, then written in turns by each library with the export's file settings (the
/// long table's seven columns, all optional; strings dictionary-encoded, DATE dates, INT64 counts, DOUBLE amounts;
/// Snappy; statistics; row groups of 65,536 rows), round after round; each ratio is taken within a round and the median
/// printed. CPU time is the process's (Parquet.Net encodes on pool threads). ParquetSharp is written twice: through its
/// column writer (strings as .NET strings) and through its Arrow API (strings as Arrow dictionary arrays built here, which
/// the C++ writer stores as the column's dictionary). The tool's own writer (<see cref="ParquetFileWriter"/>, what the
/// export uses since Parquet.Net) is written from the same typed columns. Each line says whether the file's string columns have dictionary pages.
/// <code>dotnet run -c Release --project tests/CampaignAnalytics.Benchmarks -- --parquet-writers [campaigns] [rounds]</code>
/// </summary>
public static class ParquetWriterProbe
{
    private const int RowGroupSize = 65_536;

    /// <summary>Runs the probe over <paramref name="campaigns"/> campaigns × 365 days and writes a line per writer and the ratio.</summary>
    public static IReadOnlyList<ParquetWriterLine> Run(TextWriter output, int campaigns = 10, int rounds = 5, int days = 365)
    {
        var work = Path.Combine(Path.GetTempPath(), "campaign-analytics-parquet-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            var rows = LongRows.Load(Portfolio.Write(campaigns, days, Path.Combine(work, "portfolio")));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows.Count:N0} long rows ({campaigns} campaigns × {days} days), {rounds} rounds"));
            var writers = new (string Name, Action<LongRows, string> Write)[]
            {
                ("Parquet.Net 6.1.0", WriteParquetNet),
                ("ParquetSharp 25.0.1.2", WriteParquetSharp),
                ("ParquetSharp Arrow", WriteParquetSharpArrow),
                ("campaign-analytics", WriteOwn),
            };
            var file = Path.Combine(work, "long.parquet");
            foreach (var (_, write) in writers)
            {
                write(rows, file); // warm-up: JIT, native library load
            }

            var cpu = writers.Select(_ => new List<double>()).ToArray();
            var wall = writers.Select(_ => new List<double>()).ToArray();
            var ratios = writers.Select(_ => new List<double>()).ToArray();
            var bytes = new long[writers.Length];
            var dictionaries = new bool[writers.Length];
            for (var round = 0; round < rounds; round++)
            {
                for (var w = 0; w < writers.Length; w++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    var process = Process.GetCurrentProcess();
                    var before = process.TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    writers[w].Write(rows, file);
                    watch.Stop();
                    process.Refresh();
                    cpu[w].Add((process.TotalProcessorTime - before).TotalMilliseconds);
                    wall[w].Add(watch.Elapsed.TotalMilliseconds);
                    bytes[w] = new FileInfo(file).Length;
                    dictionaries[w] = DictionaryStrings(file);
                }

                for (var w = 1; w < writers.Length; w++)
                {
                    ratios[w].Add(cpu[w][^1] / cpu[0][^1]);
                }
            }

            var lines = writers.Select((w, i) => new ParquetWriterLine(w.Name, RatioProbe.Median(cpu[i]), RatioProbe.Median(wall[i]), bytes[i], dictionaries[i])).ToList();
            foreach (var line in lines)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{line.Writer,-24} CPU {line.CpuMilliseconds,8:F0} ms   wall {line.WallMilliseconds,8:F0} ms   {line.Bytes / 1e6,7:F1} MB   dictionary strings: {(line.DictionaryStrings ? "yes" : "no")}"));
            }

            for (var w = 1; w < writers.Length; w++)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{lines[w].Writer} ÷ {lines[0].Writer}: CPU {RatioProbe.Median(ratios[w]):F2}× (median of the rounds' ratios), wall {lines[w].WallMilliseconds / lines[0].WallMilliseconds:F2}×"));
            }
            return lines;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Whether every string column chunk has a dictionary page.</summary>
    private static bool DictionaryStrings(string path)
    {
        using var reader = new ParquetSharp.ParquetFileReader(path);
        for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            for (var c = 0; c < group.MetaData.NumColumns; c++)
            {
                var chunk = group.MetaData.GetColumnChunkMetaData(c);
                if (group.MetaData.Schema.Column(c).PhysicalType == ParquetSharp.PhysicalType.ByteArray
                    && !chunk.Encodings.Contains(ParquetSharp.Encoding.RleDictionary) && !chunk.Encodings.Contains(ParquetSharp.Encoding.PlainDictionary))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void WriteParquetNet(LongRows rows, string path)
    {
        var fields = new DataField[]
        {
            new DataField<string>("campaign_id", true),
            new DataField<DateOnly>("date", true),
            new DataField<string>("channel", true),
            new DataField<string>("variation_api_id", true),
            new DataField<string>("variation_name", true),
            new DataField<string>("metric", true),
            new DataField<long>("count", true),
            new DataField<double>("amount", true),
        };
        var options = new ParquetOptions { MaximumSmallPoolFreeBytes = 16 << 20, MaximumLargePoolFreeBytes = 64 << 20 };
        foreach (var field in fields.Where(f => f is DataField<string>))
        {
            options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
        }

        using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        Task.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, options).ConfigureAwait(false);
            for (var start = 0; start < rows.Count; start += RowGroupSize)
            {
                var count = Math.Min(RowGroupSize, rows.Count - start);
                using var group = writer.CreateRowGroup();
                for (var c = 0; c < rows.Strings.Length; c++)
                {
                    var field = c == 0 ? fields[0] : fields[c + 1];
                    await group.WriteAsync(field, new ArraySegment<string?>(rows.Strings[c], start, count)!).ConfigureAwait(false);
                    if (c == 0)
                    {
                        await group.WriteAsync<DateOnly>(fields[1], rows.Dates.AsMemory(start, count)).ConfigureAwait(false);
                    }
                }

                await group.WriteAsync<long>(fields[6], rows.Counts.AsMemory(start, count)).ConfigureAwait(false);
                await group.WriteAsync<double>(fields[7], rows.Amounts.AsMemory(start, count)).ConfigureAwait(false);
                group.CompleteValidate();
            }
        }).GetAwaiter().GetResult();
    }

    /// <summary>The tool's own writer (<see cref="ParquetFileWriter"/>), given each row group's rows in its buffers.</summary>
    private static void WriteOwn(LongRows rows, string path)
    {
        var columns = new Column[]
        {
            new("campaign_id", ColumnType.String),
            new("date", ColumnType.Date),
            new("channel", ColumnType.String),
            new("variation_api_id", ColumnType.String),
            new("variation_name", ColumnType.String),
            new("metric", ColumnType.String),
            new("count", ColumnType.Integer),
            new("amount", ColumnType.Number),
        };
        using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        var writer = new ParquetFileWriter(columns, stream);
        var buffers = columns.Select(c => ParquetFileWriter.CreateBuffer(c.Type, RowGroupSize)).ToArray();
        for (var start = 0; start < rows.Count; start += RowGroupSize)
        {
            var count = Math.Min(RowGroupSize, rows.Count - start);
            for (var c = 0; c < rows.Strings.Length; c++)
            {
                Array.Copy(rows.Strings[c], start, buffers[c == 0 ? 0 : c + 1], 0, count);
            }

            var dates = (int?[])buffers[1];
            for (var i = 0; i < count; i++)
            {
                dates[i] = rows.Dates[start + i] is { } date ? ParquetFileWriter.UnixDays(date) : null;
            }

            Array.Copy(rows.Counts, start, buffers[6], 0, count);
            Array.Copy(rows.Amounts, start, buffers[7], 0, count);
            writer.WriteRowGroup(buffers, count);
        }

        writer.Complete();
    }

    private static void WriteParquetSharp(LongRows rows, string path)
    {
        var columns = new ParquetSharp.Column[]
        {
            new ParquetSharp.Column<string?>("campaign_id"),
            new ParquetSharp.Column<DateOnly?>("date"),
            new ParquetSharp.Column<string?>("channel"),
            new ParquetSharp.Column<string?>("variation_api_id"),
            new ParquetSharp.Column<string?>("variation_name"),
            new ParquetSharp.Column<string?>("metric"),
            new ParquetSharp.Column<long?>("count"),
            new ParquetSharp.Column<double?>("amount"),
        };
        using var properties = new ParquetSharp.WriterPropertiesBuilder()
            .Compression(ParquetSharp.Compression.Snappy)
            .EnableDictionary()
            .EnableStatistics()
            .Build();
        using var file = new ParquetSharp.ParquetFileWriter(path, columns, properties);
        for (var start = 0; start < rows.Count; start += RowGroupSize)
        {
            var count = Math.Min(RowGroupSize, rows.Count - start);
            using var group = file.AppendRowGroup();
            for (var c = 0; c < rows.Strings.Length; c++)
            {
                using (var writer = group.NextColumn().LogicalWriter<string?>())
                {
                    writer.WriteBatch(rows.Strings[c], start, count);
                }

                if (c == 0)
                {
                    using var dates = group.NextColumn().LogicalWriter<DateOnly?>();
                    dates.WriteBatch(rows.Dates, start, count);
                }
            }

            using (var counts = group.NextColumn().LogicalWriter<long?>())
            {
                counts.WriteBatch(rows.Counts, start, count);
            }

            using (var amounts = group.NextColumn().LogicalWriter<double?>())
            {
                amounts.WriteBatch(rows.Amounts, start, count);
            }
        }

        file.Close();
    }

    private static void WriteParquetSharpArrow(LongRows rows, string path)
    {
        var dictionaryType = new Apache.Arrow.Types.DictionaryType(Apache.Arrow.Types.Int32Type.Default, Apache.Arrow.Types.StringType.Default, false);
        var names = new[] { "campaign_id", "channel", "variation_api_id", "variation_name", "metric" };
        var builder = new Apache.Arrow.Schema.Builder();
        builder.Field(f => f.Name(names[0]).DataType(dictionaryType).Nullable(true));
        builder.Field(f => f.Name("date").DataType(Apache.Arrow.Types.Date32Type.Default).Nullable(true));
        foreach (var name in names.Skip(1))
        {
            builder.Field(f => f.Name(name).DataType(dictionaryType).Nullable(true));
        }

        builder.Field(f => f.Name("count").DataType(Apache.Arrow.Types.Int64Type.Default).Nullable(true));
        builder.Field(f => f.Name("amount").DataType(Apache.Arrow.Types.DoubleType.Default).Nullable(true));
        var schema = builder.Build();
        using var properties = new ParquetSharp.WriterPropertiesBuilder()
            .Compression(ParquetSharp.Compression.Snappy)
            .EnableDictionary()
            .EnableStatistics()
            .Build();
        using var arrowProperties = new ParquetSharp.Arrow.ArrowWriterPropertiesBuilder().Build();
        using var file = new ParquetSharp.Arrow.FileWriter(path, schema, properties, arrowProperties);
        var lookups = names.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        for (var start = 0; start < rows.Count; start += RowGroupSize)
        {
            var count = Math.Min(RowGroupSize, rows.Count - start);
            var arrays = new List<Apache.Arrow.IArrowArray>();
            for (var c = 0; c < names.Length; c++)
            {
                var lookup = lookups[c];
                lookup.Clear();
                var values = new Apache.Arrow.StringArray.Builder();
                var indices = new Apache.Arrow.Int32Array.Builder();
                indices.Reserve(count);
                string? last = null;
                var lastIndex = -1;
                var column = rows.Strings[c];
                for (var i = start; i < start + count; i++)
                {
                    var value = column[i];
                    if (value is null)
                    {
                        indices.AppendNull();
                        continue;
                    }

                    if (!ReferenceEquals(value, last))
                    {
                        if (!lookup.TryGetValue(value, out lastIndex))
                        {
                            lastIndex = lookup.Count;
                            lookup.Add(value, lastIndex);
                            values.Append(value);
                        }

                        last = value;
                    }

                    indices.Append(lastIndex);
                }

                arrays.Add(new Apache.Arrow.DictionaryArray(dictionaryType, indices.Build(), values.Build()));
                if (c == 0)
                {
                    var dates = new Apache.Arrow.Date32Array.Builder();
                    dates.Reserve(count);
                    for (var i = start; i < start + count; i++)
                    {
                        if (rows.Dates[i] is { } d)
                        {
                            dates.Append(d);
                        }
                        else
                        {
                            dates.AppendNull();
                        }
                    }

                    arrays.Add(dates.Build());
                }
            }

            var counts = new Apache.Arrow.Int64Array.Builder();
            counts.Reserve(count);
            var amounts = new Apache.Arrow.DoubleArray.Builder();
            amounts.Reserve(count);
            for (var i = start; i < start + count; i++)
            {
                counts.Append(rows.Counts[i]);
                amounts.Append(rows.Amounts[i]);
            }

            arrays.Add(counts.Build());
            arrays.Add(amounts.Build());
            using var batch = new Apache.Arrow.RecordBatch(schema, arrays, count);
            file.WriteRecordBatch(batch, RowGroupSize);
        }

        file.Close();
    }

    /// <summary>The long export's rows as typed columns: the five strings (campaign, channel, variation id and name, metric), the date, a count or an amount.</summary>
    private sealed class LongRows
    {
        private LongRows(int count)
        {
            Count = count;
            Strings = Enumerable.Range(0, 5).Select(_ => new string?[count]).ToArray();
            Dates = new DateOnly?[count];
            Counts = new long?[count];
            Amounts = new double?[count];
        }

        public int Count { get; }

        public string?[][] Strings { get; }

        public DateOnly?[] Dates { get; }

        public long?[] Counts { get; }

        public double?[] Amounts { get; }

        public static LongRows Load(IReadOnlyList<string> files)
        {
            var values = new List<MetricValue>();
            var catalogue = CampaignDataSeriesCatalogue.Instance;
            foreach (var file in files)
            {
                var campaign = new CampaignDays<DailyDataPoint>(Path.GetFileNameWithoutExtension(file), CampaignDataSeriesResponse.Parse(File.ReadAllBytes(file)).Data!);
                values.AddRange(CampaignDataSet.Create(catalogue, campaign).Values.Where(v => !v.IsDerived));
            }

            var rows = new LongRows(values.Count);
            for (var i = 0; i < values.Count; i++)
            {
                var v = values[i];
                rows.Strings[0][i] = v.CampaignId;
                rows.Strings[1][i] = v.Channel;
                rows.Strings[2][i] = v.VariationApiId;
                rows.Strings[3][i] = v.VariationName;
                rows.Strings[4][i] = v.Metric;
                rows.Dates[i] = new DateOnly(v.Date.Year, v.Date.Month, v.Date.Day);
                if (v.Kind == MetricKind.Count)
                {
                    rows.Counts[i] = (long)v.Value;
                }
                else
                {
                    rows.Amounts[i] = v.Value;
                }
            }

            return rows;
        }
    }
}
