using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Frames;
using NodaTime;

namespace CampaignAnalytics.Cli.Output;

/// <summary>What a partitioned export splits its rows by: <c>campaign_id</c>, <c>month</c>, both (in that order) or neither.</summary>
/// <param name="ByCampaign">A <c>campaign_id=…</c> folder level.</param>
/// <param name="ByMonth">A <c>month=yyyy-MM</c> folder level.</param>
internal sealed record PartitionKeys(bool ByCampaign, bool ByMonth)
{
    /// <summary>The values <c>--partition-by</c> takes.</summary>
    public static readonly string[] Names = { ColumnNames.CampaignId, "month", "none" };

    /// <summary>The keys of <c>--partition-by</c> values (repeatable or comma-separated); a user error for anything else.</summary>
    public static PartitionKeys Parse(IReadOnlyList<string> values)
    {
        var parts = values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (parts.Count == 0)
        {
            throw new UserErrorException("--partition-by: give campaign_id, month, campaign_id,month or none.");
        }

        var chosen = parts.Select(p => Choices.Check(p.ToLowerInvariant(), "--partition-by", "none", Names)).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Contains("none") && chosen.Count > 1)
        {
            throw new UserErrorException("--partition-by: none cannot be combined with campaign_id or month.");
        }

        return new PartitionKeys(chosen.Contains(ColumnNames.CampaignId), chosen.Contains("month"));
    }

    /// <summary>The keys as the manifest records them.</summary>
    public override string ToString() =>
        ByCampaign && ByMonth ? "campaign_id,month" : ByCampaign ? "campaign_id" : ByMonth ? "month" : "none";
}

/// <summary>
/// The long export as a Hive-style partitioned Parquet dataset that DuckDB, Spark, Trino and pandas read natively:
/// <c>DIR/campaign_id=…/month=2026-10/part-0.parquet</c> (levels as chosen by <see cref="PartitionKeys"/>), the
/// partition columns in the folder names only (never also in the files, which Spark refuses), <c>date</c> as DATE,
/// counts in an INT64 <c>count</c> column and amounts (revenue) in a DOUBLE <c>amount</c> column (one of the two per
/// row), strings dictionary-encoded, row groups of at most <see cref="PartitionRowGroupSize"/> rows with
/// statistics.
/// </summary>
/// <remarks>
/// <para>Atomic per partition: a partition is written to a hidden temporary file beside its target (<c>.part-0.parquet.tmp</c>,
/// which engines skip) and renamed over it, so a reader sees the old file or the new one, never half of one. The
/// <c>_SUCCESS</c> marker is removed when an export starts and written when it ends.</para>
/// <para>Incremental: <c>_manifest.json</c> keeps an XXH128 of each partition's file (a content hash, not a
/// cryptographic one: it detects changed rows, it does not authenticate them). The writer is deterministic, so the same
/// rows make the same bytes: a partition whose new file hashes the same as last time, and whose file is there, is left
/// alone (its temporary file is dropped); partitions the new export no longer produces are deleted. A manifest left by
/// an interrupted export, or written with another layout or hash (an earlier version's hash of the rows' cells, or its
/// SHA-256), is not trusted for hashes: its partitions are rewritten once.</para>
/// <para>Memory: one row group per open partition. With campaign partitions, a campaign's partitions are closed when the
/// next campaign starts (the input comes one campaign at a time); month partitions stay open to the end.</para>
/// </remarks>
internal sealed class ParquetLake : RowSink
{
    /// <summary>The completion marker.</summary>
    public const string SuccessName = "_SUCCESS";

    /// <summary>The manifest.</summary>
    public const string ManifestName = "_manifest.json";

    /// <summary>The data file of each partition.</summary>
    public const string PartName = "part-0.parquet";

    private const string TempName = "." + PartName + ".tmp";

    /// <summary>The files' INT64 column of counts (null on an amount's row).</summary>
    public const string CountColumn = "count";

    /// <summary>The files' DOUBLE column of amounts (null on a count's row).</summary>
    public const string AmountColumn = "amount";

    /// <summary>Rows per row group of a partition: smaller than a single file's, since a month partition stays open to the end.</summary>
    public const int PartitionRowGroupSize = 16_384;

    /// <summary>Changes when the files' columns, their bytes or the hash's encoding change, so that every partition is rewritten (v4: the tool's own Parquet writer).</summary>
    private const string Layout = "long-v4";

    /// <summary>The manifest's name for a partition's hash.</summary>
    private const string HashName = "xxh128";

    private readonly string _root;
    private readonly PartitionKeys _keys;
    private readonly Dictionary<string, string> _previous;
    private readonly Dictionary<string, Partition> _open = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (string Hash, long Rows)> _written = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<Column> _fileColumns;
    private readonly string?[] _strings = new string?[7];
    private readonly int _rowGroupSize;
    private LocalDate _date;
    private long? _count;
    private double? _amount;
    private string? _campaign;
    private string? _runCampaign;
    private LocalDate _runStart;
    private LocalDate _runEnd;
    private Partition? _run;
    private bool _completed;

    /// <summary>Starts an export into <paramref name="root"/>: checks that it is new, empty or a dataset this tool wrote, and removes its <c>_SUCCESS</c>.</summary>
    public ParquetLake(string root, PartitionKeys keys, int rowGroupSize = PartitionRowGroupSize)
        : base(Commands.ExportTables.LongColumns)
    {
        _root = root;
        _keys = keys;
        _rowGroupSize = rowGroupSize;
        _previous = ReadManifest(root, out var trusted);
        _fileColumns = (keys.ByCampaign ? Array.Empty<Column>() : new[] { new Column(ColumnNames.CampaignId, ColumnType.String) })
            .Concat(new[]
            {
                new Column(ColumnNames.Date, ColumnType.Date),
                new Column(ColumnNames.Channel, ColumnType.String),
                new Column(ColumnNames.VariationApiId, ColumnType.String),
                new Column(ColumnNames.VariationName, ColumnType.String),
                new Column(ColumnNames.Metric, ColumnType.String),
                new Column(CountColumn, ColumnType.Integer),
                new Column(AmountColumn, ColumnType.Number),
            }).ToArray();

        Directory.CreateDirectory(root);
        File.Delete(Path.Combine(root, SuccessName));

        // Until this export completes, the manifest names the partitions (for the clean-up) but vouches for no hash.
        WriteManifest(_previous.ToDictionary(p => p.Key, _ => (string.Empty, 0L)), complete: false);
        if (!trusted)
        {
            _previous.Clear();
        }
    }

    /// <summary>The partitions written (new or changed), after <see cref="Complete"/>.</summary>
    public int Written { get; private set; }

    /// <summary>The partitions left alone because their rows did not change.</summary>
    public int Unchanged { get; private set; }

    /// <summary>The partitions of an earlier export deleted because this one no longer has them.</summary>
    public int Removed { get; private set; }

    /// <summary>The relative folder of a partition (<c>campaign_id=x/month=2026-10</c>; empty without keys).</summary>
    public static string PartitionPath(PartitionKeys keys, string campaignId, LocalDate date)
    {
        var parts = new List<string>(2);
        if (keys.ByCampaign)
        {
            parts.Add(ColumnNames.CampaignId + "=" + Escape(campaignId));
        }

        if (keys.ByMonth)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"month={date.Year:D4}-{date.Month:D2}"));
        }

        return string.Join('/', parts);
    }

    /// <summary>Hive's escaping of a partition value: every byte outside <c>[A-Za-z0-9._-]</c> of its UTF-8 as <c>%XX</c>.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        // "." and ".." would be folders of their own.
        var text = builder.ToString();
        return text is "." or ".." ? text.Replace(".", "%2E", StringComparison.Ordinal) : text;
    }

    public override void Complete()
    {
        if (_completed)
        {
            return;
        }

        foreach (var key in _open.Keys.ToList())
        {
            Finish(key);
        }

        foreach (var stale in _previous.Keys.Concat(ReadManifest(_root, out _).Keys).Distinct(StringComparer.Ordinal).Where(k => !_written.ContainsKey(k)).ToList())
        {
            var file = Path.Combine(_root, stale, PartName);
            if (File.Exists(file))
            {
                File.Delete(file);
                Removed++;
            }

            RemoveEmptyFolders(Path.Combine(_root, stale));
        }

        WriteManifest(_written.ToDictionary(p => p.Key, p => p.Value), complete: true);
        File.WriteAllBytes(Path.Combine(_root, SuccessName), Array.Empty<byte>());
        _completed = true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // An export that failed: drop the temporary files; _SUCCESS stays absent.
            foreach (var partition in _open.Values)
            {
                partition.Abandon();
            }

            _open.Clear();
        }
    }

    protected override void PutString(int column, string? value) => _strings[column] = value;

    protected override void PutDate(int column, LocalDate value) => _date = value;

    protected override void PutNullDate(int column) => throw new InvalidOperationException("A long row has a date.");

    protected override void PutInteger(int column, long? value)
    {
        _count = value;
        _amount = null;
    }

    protected override void PutNumber(int column, double? value)
    {
        _amount = value;
        _count = null;
    }

    protected override void PutBoolean(int column, bool? value) => throw new InvalidOperationException("A long row has no flag.");

    protected override bool PutLongRow(string campaignId, LocalDate date, string channel, string? variationApiId, string? variationName, string metric, long? count, double? amount)
    {
        _strings[0] = campaignId;
        _date = date;
        _strings[2] = channel;
        _strings[3] = variationApiId;
        _strings[4] = variationName;
        _strings[5] = metric;
        _count = count;
        _amount = count is null ? amount : null;
        RowEnded();
        return true;
    }

    protected override void RowEnded()
    {
        var campaign = _strings[0]!;
        var partition = _run;
        if (partition is null || !partition.IsOpen || !string.Equals(campaign, _runCampaign, StringComparison.Ordinal) || _date < _runStart || _date >= _runEnd)
        {
            // A new campaign-month run (rows come day by day): its partition is looked up once, not per row.
            partition = Route(campaign);
        }

        Forward(partition, campaign);
    }

    /// <summary>The partition of the row at hand, which starts a new run of rows of one campaign and month.</summary>
    private Partition Route(string campaign)
    {
        if (_keys.ByCampaign && !string.Equals(campaign, _campaign, StringComparison.Ordinal))
        {
            // The input comes one campaign at a time: the last campaign's partitions are complete.
            foreach (var key in _open.Keys.ToList())
            {
                Finish(key);
            }
        }

        _campaign = campaign;
        var partition = Open(PartitionPath(_keys, campaign, _date));
        _run = partition;
        _runCampaign = campaign;
        _runStart = _keys.ByMonth ? new LocalDate(_date.Year, _date.Month, 1) : LocalDate.MinIsoValue;
        _runEnd = _keys.ByMonth ? _runStart.PlusMonths(1) : LocalDate.MaxIsoValue;
        return partition;
    }

    private Partition Open(string path)
    {
        if (!_open.TryGetValue(path, out var partition))
        {
            if (_written.ContainsKey(path))
            {
                throw new InvalidOperationException($"Partition {path} was already closed: the input is not grouped by campaign.");
            }

            partition = new Partition(Path.Combine(_root, path), _fileColumns, _rowGroupSize, _keys.ToString());
            _open.Add(path, partition);
        }

        return partition;
    }

    private void Forward(Partition partition, string campaign) =>
        partition.Sink.LongRow(campaign, _date, _strings[2]!, _strings[3], _strings[4], _strings[5]!, _count, _amount);

    private void Finish(string path)
    {
        var partition = _open[path];
        _open.Remove(path);
        var hash = partition.Close();
        // Unchanged: the same rows as last time, and the file on disk is still the one written then (a file damaged or
        // replaced since is rewritten, whatever the manifest says).
        if (_previous.TryGetValue(path, out var before) && before == hash && File.Exists(partition.Target) && SameBytes(partition.Temp, partition.Target))
        {
            partition.Abandon();
            Unchanged++;
        }
        else
        {
            File.Move(partition.Temp, partition.Target, overwrite: true);
            Written++;
        }

        _written[path] = (hash, partition.Sink.RowCount);
    }

    /// <summary>Whether two files hold the same bytes (lengths first, then 64 kB blocks).</summary>
    private static bool SameBytes(string a, string b)
    {
        using var first = new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        using var second = new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        if (first.Length != second.Length)
        {
            return false;
        }

        var left = ArrayPool<byte>.Shared.Rent(1 << 16);
        var right = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = first.ReadAtLeast(left.AsSpan(0, 1 << 16), 1 << 16, throwOnEndOfStream: false)) > 0)
            {
                if (second.ReadAtLeast(right.AsSpan(0, read), read, throwOnEndOfStream: false) != read
                    || !left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, read)))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(left);
            ArrayPool<byte>.Shared.Return(right);
        }
    }

    private void RemoveEmptyFolders(string folder)
    {
        var root = Path.GetFullPath(_root);
        var current = Path.GetFullPath(folder);
        while (current.Length > root.Length && Directory.Exists(current) && !Directory.EnumerateFileSystemEntries(current).Any())
        {
            Directory.Delete(current);
            current = Path.GetDirectoryName(current)!;
        }
    }

    /// <summary>The partitions of an earlier export and their hashes; a user error for a folder this tool did not write.</summary>
    private static Dictionary<string, string> ReadManifest(string root, out bool trusted)
    {
        trusted = false;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(root, ManifestName);
        if (File.Exists(root))
        {
            throw new UserErrorException($"--out {root}: is a file; a partitioned export writes a folder.");
        }

        if (!File.Exists(path))
        {
            if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            {
                throw new UserErrorException($"--out {root}: the folder is not empty and holds no {ManifestName}; a partitioned export writes into a new or empty folder, or one it wrote before.");
            }

            return result;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var rootElement = document.RootElement;
            trusted = rootElement.GetProperty("complete").GetBoolean() && rootElement.GetProperty("layout").GetString() == Layout;
            foreach (var partition in rootElement.GetProperty("partitions").EnumerateObject())
            {
                if (partition.Name.Split('/').Any(p => p is "" or "." or ".." || !p.Contains('=', StringComparison.Ordinal)))
                {
                    throw new UserErrorException($"--out {root}: {ManifestName} names a partition outside the dataset; remove the folder or choose another.");
                }

                // An earlier version's manifest has no such hash (it is not trusted anyway): its partitions are rewritten.
                result[partition.Name] = partition.Value.TryGetProperty(HashName, out var hash) ? hash.GetString() ?? string.Empty : string.Empty;
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UserErrorException($"--out {root}: {ManifestName} cannot be read; remove the folder or choose another.", e);
        }

        return result;
    }

    private void WriteManifest(IReadOnlyDictionary<string, (string Hash, long Rows)> partitions, bool complete)
    {
        var path = Path.Combine(_root, ManifestName);
        var temp = Path.Combine(_root, "." + ManifestName + ".tmp");
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new Utf8JsonWriter(stream, JsonTableWriter.Options))
        {
            writer.WriteStartObject();
            writer.WriteString("layout", Layout);
            writer.WriteString("partition_by", _keys.ToString());
            writer.WriteBoolean("complete", complete);
            writer.WriteStartObject("partitions");
            foreach (var (name, (hash, rows)) in partitions.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject(name);
                writer.WriteString(HashName, hash);
                writer.WriteNumber("rows", rows);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>One partition being written: its temporary file, its sink and the hash of its file.</summary>
    private sealed class Partition
    {
        private readonly FileStream _stream;
        private readonly XxHash128 _hash = new();

        public Partition(string folder, IReadOnlyList<Column> columns, int rowGroupSize, string keys)
        {
            Directory.CreateDirectory(folder);
            Target = Path.Combine(folder, PartName);
            Temp = Path.Combine(folder, TempName);
            _stream = new FileStream(Temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            Sink = new ParquetRowSink(columns, _stream, rowGroupSize);
            _hash.Append(MemoryMarshal.AsBytes(Layout.AsSpan()));
            _hash.Append(MemoryMarshal.AsBytes(keys.AsSpan()));
        }

        public string Target { get; }

        /// <summary>Whether rows may still be added (not yet closed nor abandoned).</summary>
        public bool IsOpen { get; private set; } = true;

        public string Temp { get; }

        public ParquetRowSink Sink { get; }

        /// <summary>
        /// Completes the file and returns the hash of its bytes (lowercase hex), read back in 64 kB blocks once it is
        /// written: the writer is deterministic, so the same rows make the same bytes, and hashing the compressed file
        /// costs a small fraction of hashing every row's cells as they pass.
        /// </summary>
        public string Close()
        {
            IsOpen = false;
            Sink.Complete();
            Sink.Dispose();
            _stream.Flush(flushToDisk: true);
            _stream.Position = 0;
            var block = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                int read;
                while ((read = _stream.Read(block, 0, block.Length)) > 0)
                {
                    _hash.Append(block.AsSpan(0, read));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
                _stream.Dispose();
            }

            return Convert.ToHexStringLower(_hash.GetHashAndReset());
        }

        /// <summary>Drops the temporary file.</summary>
        public void Abandon()
        {
            IsOpen = false;
            try
            {
                Sink.Dispose();
            }
            finally
            {
                _stream.Dispose();
                File.Delete(Temp);
            }
        }
    }
}
