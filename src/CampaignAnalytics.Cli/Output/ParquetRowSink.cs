using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NodaTime;

namespace CampaignAnalytics.Cli.Output;

/// <summary>
/// Parquet rows as they come: each column fills a typed buffer (string, days since 1970, long, double or bool,
/// nullable), and every <see cref="RowGroupSize"/> rows the buffers are written as one row group by
/// <see cref="ParquetFileWriter"/> (no row objects, no boxing). Strings are dictionary-encoded, dates are DATE, integers
/// INT64, numbers DOUBLE, each column chunk with its statistics. A full row group is encoded and compressed on another thread while the next
/// one fills (one in flight at a time, in order), so the Parquet work overlaps reading the input. Memory is two row
/// groups, whatever the number of rows.
/// </summary>
internal sealed class ParquetRowSink : RowSink
{
    /// <summary>Rows per row group: large enough for good compression and statistics, small enough to bound memory.</summary>
    public const int DefaultRowGroupSize = 65_536;

    private readonly ParquetFileWriter _writer;
    private readonly LongShape _longShape;
    private Array[] _buffers;
    private Array[]? _spare;
    private Task? _pending;
    private int _count;
    private bool _completed;

    public ParquetRowSink(IReadOnlyList<Column> columns, Stream stream, int rowGroupSize = DefaultRowGroupSize)
        : base(columns)
    {
        RowGroupSize = rowGroupSize;
        _longShape = ShapeOf(columns);
        _writer = new ParquetFileWriter(columns, stream);
        // The buffers grow to a row group as rows come: many small partitions stay small.
        var capacity = Math.Min(rowGroupSize, 1024);
        _buffers = columns.Select(c => ParquetFileWriter.CreateBuffer(c.Type, capacity)).ToArray();
    }

    /// <summary>Rows per row group.</summary>
    public int RowGroupSize { get; }

    public override void Complete()
    {
        if (_completed)
        {
            return;
        }

        if (_count > 0)
        {
            Flush();
        }

        Wait();
        _writer.Complete();
        _completed = true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_completed)
        {
            // Abandoned (a failure): the row group in flight finishes, the file stays incomplete. Its own failure (a full
            // disk, say) is not thrown from here: the export has already failed, and throwing would hide why, or stop the
            // caller from deleting the file.
            _completed = true;
            try
            {
                _pending?.Wait();
            }
            catch (AggregateException)
            {
                // Observed; the failure that abandoned the sink is the one reported.
            }
        }
    }

    protected override void PutString(int column, string? value) => ((string?[])_buffers[column])[_count] = value;

    protected override void PutDate(int column, LocalDate value) => ((int?[])_buffers[column])[_count] = ParquetFileWriter.UnixDays(value.ToDateOnly());

    protected override void PutNullDate(int column) => ((int?[])_buffers[column])[_count] = null;

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

        ((int?[])_buffers[c++])[row] = ParquetFileWriter.UnixDays(date.ToDateOnly());
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
        _pending = Task.Run(() =>
        {
            _writer.WriteRowGroup(buffers, count);
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
}
