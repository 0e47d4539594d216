using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NodaTime;
using Parquet;
using Parquet.Schema;

namespace CampaignAnalytics.Cli.Output;

/// <summary>
/// Parquet rows as they come: each column fills a typed buffer (string, DateOnly, long, double or bool, nullable), and
/// every <see cref="RowGroupSize"/> rows the buffers are written as one row group with Parquet.Net's column writer (no
/// row objects, no boxing). Strings are dictionary-encoded, dates are DATE, integers INT64, numbers DOUBLE; Parquet.Net
/// writes each column chunk's statistics. A full row group is encoded and compressed on another thread while the next
/// one fills (one in flight at a time, in order), so the Parquet work overlaps reading the input. Memory is two row
/// groups, whatever the number of rows.
/// </summary>
internal sealed class ParquetRowSink : RowSink
{
    /// <summary>Rows per row group: large enough for good compression and statistics, small enough to bound memory.</summary>
    public const int DefaultRowGroupSize = 65_536;

    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private readonly LongShape _longShape;
    private Array[] _buffers;
    private Array[]? _spare;
    private Task? _pending;
    private int _count;
    private bool _wroteGroup;
    private bool _completed;

    public ParquetRowSink(IReadOnlyList<Column> columns, Stream stream, int rowGroupSize = DefaultRowGroupSize)
        : base(columns)
    {
        RowGroupSize = rowGroupSize;
        _fields = columns.Select(ToField).ToArray();
        _longShape = ShapeOf(columns);
        var options = new ParquetOptions
        {
            // Parquet.Net's page stream pool keeps every freed buffer unless told otherwise: memory would grow with the output.
            MaximumSmallPoolFreeBytes = 16 << 20,
            MaximumLargePoolFreeBytes = 64 << 20,
        };
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Type == ColumnType.String)
            {
                // Names repeat on every row (channel, metric, variation): a dictionary page and small indices.
                options.ColumnEncodingHints[_fields[c].Path.ToString()] = EncodingHint.Dictionary;
            }
        }

        _writer = ParquetWriter.CreateAsync(new ParquetSchema(_fields), stream, options).GetAwaiter().GetResult();
        // The buffers grow to a row group as rows come: many small partitions stay small.
        var capacity = Math.Min(rowGroupSize, 1024);
        _buffers = columns.Select(c => (Array)(c.Type switch
        {
            ColumnType.String => new string?[capacity],
            ColumnType.Date => new DateOnly?[capacity],
            ColumnType.Integer => new long?[capacity],
            ColumnType.Number => new double?[capacity],
            _ => new bool?[capacity],
        })).ToArray();
    }

    /// <summary>Rows per row group.</summary>
    public int RowGroupSize { get; }

    /// <summary>The Parquet field of a column.</summary>
    public static DataField ToField(Column column) => column.Type switch
    {
        ColumnType.String => new DataField<string>(column.Name, true),
        ColumnType.Date => new DataField<DateOnly>(column.Name, true),
        ColumnType.Integer => new DataField<long>(column.Name, true),
        ColumnType.Number => new DataField<double>(column.Name, true),
        ColumnType.Boolean => new DataField<bool>(column.Name, true),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type."),
    };

    public override void Complete()
    {
        if (_completed)
        {
            return;
        }

        if (_count > 0 || !_wroteGroup)
        {
            Flush();
        }

        Wait();
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _completed = true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_completed)
        {
            _completed = true;
            try
            {
                _pending?.GetAwaiter().GetResult();
            }
            finally
            {
                _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    protected override void PutString(int column, string? value) => ((string?[])_buffers[column])[_count] = value;

    protected override void PutDate(int column, LocalDate value) => ((DateOnly?[])_buffers[column])[_count] = value.ToDateOnly();

    protected override void PutNullDate(int column) => ((DateOnly?[])_buffers[column])[_count] = null;

    protected override void PutInteger(int column, long? value)
    {
        if (_buffers[column] is double?[] numbers)
        {
            numbers[_count] = value;
        }
        else
        {
            ((long?[])_buffers[column])[_count] = value;
        }
    }

    protected override void PutNumber(int column, double? value) => ((double?[])_buffers[column])[_count] = value;

    protected override void PutBoolean(int column, bool? value) => ((bool?[])_buffers[column])[_count] = value;

    protected override bool PutLongRow(string campaignId, LocalDate date, string channel, string? variationApiId, string? variationName, string metric, long? count, double? amount)
    {
        if (_longShape == LongShape.None)
        {
            return false;
        }

        var row = _count;
        var c = 0;
        if (_longShape != LongShape.LakeByCampaign)
        {
            ((string?[])_buffers[c++])[row] = campaignId;
        }

        ((DateOnly?[])_buffers[c++])[row] = date.ToDateOnly();
        ((string?[])_buffers[c++])[row] = channel;
        ((string?[])_buffers[c++])[row] = variationApiId;
        ((string?[])_buffers[c++])[row] = variationName;
        ((string?[])_buffers[c++])[row] = metric;
        if (_longShape == LongShape.Long)
        {
            ((double?[])_buffers[c])[row] = count ?? amount;
        }
        else
        {
            ((long?[])_buffers[c])[row] = count;
            ((double?[])_buffers[c + 1])[row] = count is null ? amount : null;
        }

        RowEnded();
        return true;
    }

    protected override void RowEnded()
    {
        if (++_count == RowGroupSize)
        {
            Flush();
        }
        else if (_count == _buffers[0].Length)
        {
            var capacity = Math.Min(RowGroupSize, _count * 2);
            for (var c = 0; c < _buffers.Length; c++)
            {
                var grown = Array.CreateInstance(_buffers[c].GetType().GetElementType()!, capacity);
                Array.Copy(_buffers[c], grown, _count);
                _buffers[c] = grown;
            }
        }
    }

    /// <summary>Which long table the columns are, if any: such a sink takes whole rows (<see cref="RowSink.LongRow"/>) into its buffers.</summary>
    private static LongShape ShapeOf(IReadOnlyList<Column> columns)
    {
        static bool Same(IEnumerable<Column> a, IEnumerable<Column> b) => a.Select(c => (c.Name, c.Type)).SequenceEqual(b.Select(c => (c.Name, c.Type)));

        var key = Commands.ExportTables.LongColumns.Take(6).ToList();
        if (Same(columns, Commands.ExportTables.LongColumns))
        {
            return LongShape.Long;
        }

        var split = new[] { new Column(ParquetLake.CountColumn, ColumnType.Integer), new Column(ParquetLake.AmountColumn, ColumnType.Number) };
        return Same(columns, key.Concat(split)) ? LongShape.Lake
            : Same(columns, key.Skip(1).Concat(split)) ? LongShape.LakeByCampaign
            : LongShape.None;
    }

    /// <summary>Hands the full buffers to a background write (after the previous one finished) and goes on with a fresh set.</summary>
    private void Flush()
    {
        Wait();
        var buffers = _buffers;
        var count = _count;
        _buffers = _spare ?? buffers.Select(b => Array.CreateInstance(b.GetType().GetElementType()!, b.Length)).ToArray();
        _spare = null;
        _count = 0;
        _wroteGroup = true;
        _pending = Task.Run(async () =>
        {
            await WriteGroupAsync(buffers, count).ConfigureAwait(false);
            foreach (var buffer in buffers)
            {
                Array.Clear(buffer, 0, count);
            }

            _spare = buffers;
        });
    }

    /// <summary>Waits for the row group in flight; its failure surfaces here.</summary>
    private void Wait()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            pending.GetAwaiter().GetResult();
        }
    }

    /// <summary>The long tables a sink may be: the export's (one value column), a lake's partition file (count and amount), or one without campaign_id (partitioned by campaign).</summary>
    private enum LongShape
    {
        None,
        Long,
        Lake,
        LakeByCampaign,
    }

    /// <summary>
    /// Writes a string column as the character memory Parquet.Net encodes (its string overload converts each value through
    /// an enumerator of the collection: an interface call per cell), unless the chunk holds a null.
    /// </summary>
    private static async Task WriteStringsAsync(ParquetRowGroupWriter group, DataField field, string?[] strings, int count)
    {
        if (Array.IndexOf(strings, null, 0, count) >= 0)
        {
            // Parquet.Net writes a null character memory as an empty string, not as null: a column chunk with a null
            // goes through its string overload, which keeps nulls.
            await group.WriteAsync(field, new ArraySegment<string?>(strings, 0, count)!).ConfigureAwait(false);
            return;
        }

        var values = System.Buffers.ArrayPool<ReadOnlyMemory<char>?>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                values[i] = strings[i] is { } value ? value.AsMemory() : null;
            }

            await group.WriteAsync<ReadOnlyMemory<char>>(field, values.AsMemory(0, count)).ConfigureAwait(false);
        }
        finally
        {
            System.Buffers.ArrayPool<ReadOnlyMemory<char>?>.Shared.Return(values, clearArray: true);
        }
    }

    private async Task WriteGroupAsync(Array[] buffers, int count)
    {
        using var group = _writer.CreateRowGroup();
        for (var c = 0; c < _fields.Length; c++)
        {
            var field = _fields[c];
            await (buffers[c] switch
            {
                string?[] s => WriteStringsAsync(group, field, s, count),
                DateOnly?[] d => group.WriteAsync<DateOnly>(field, d.AsMemory(0, count)),
                long?[] l => group.WriteAsync<long>(field, l.AsMemory(0, count)),
                double?[] x => group.WriteAsync<double>(field, x.AsMemory(0, count)),
                bool?[] b => group.WriteAsync<bool>(field, b.AsMemory(0, count)),
                _ => throw new InvalidOperationException("Unknown buffer."),
            }).ConfigureAwait(false);
        }

        group.CompleteValidate();
    }
}
