using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using CampaignAnalytics.Frames;
using NodaTime;

namespace CampaignAnalytics.Cli.Output;

/// <summary>
/// Where rows go as they are produced, one typed cell at a time, left to right, then <see cref="EndRow"/>: CSV and JSON
/// write each row at once, Parquet fills typed column buffers and flushes them in row groups. Nothing holds the whole
/// output, so a command's memory does not grow with it. <see cref="Table"/>s are written through the same sinks
/// (<see cref="WriteTable"/>), so a table and a stream of the same rows give the same bytes.
/// </summary>
internal abstract class RowSink : IDisposable
{
    protected RowSink(IReadOnlyList<Column> columns)
    {
        Columns = columns;
    }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<Column> Columns { get; }

    /// <summary>The rows ended so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>The column the next cell goes to.</summary>
    protected int Position { get; private set; }

    /// <summary>A text cell (null: empty).</summary>
    public void String(string? value)
    {
        PutString(Next(), value);
    }

    /// <summary>A date cell.</summary>
    public void Date(LocalDate value) => PutDate(Next(), value);

    /// <summary>A count (null: empty). In a <see cref="ColumnType.Number"/> column it is stored as a double where the format is typed.</summary>
    public void Integer(long? value) => PutInteger(Next(), value);

    /// <summary>An amount (null: empty).</summary>
    public void Number(double? value) => PutNumber(Next(), value);

    /// <summary>A flag (null: empty).</summary>
    public void Boolean(bool? value) => PutBoolean(Next(), value);

    /// <summary>Ends the row: every column must have had its cell.</summary>
    public void EndRow()
    {
        if (Position != Columns.Count)
        {
            throw new InvalidOperationException($"Row has {Position} cells; the table has {Columns.Count} columns.");
        }

        Position = 0;
        RowCount++;
        RowEnded();
    }

    /// <summary>
    /// A whole row of the long table (<see cref="Commands.ExportTables.LongColumns"/>): the key cells, then
    /// <paramref name="count"/> as an integer, or <paramref name="amount"/> as a number when the count is null. The same
    /// cells as calling <see cref="String"/>, <see cref="Date"/>, … and <see cref="EndRow"/>; a sink that knows the long
    /// table's shape takes the row at once (<see cref="PutLongRow"/>) instead of cell by cell.
    /// </summary>
    public void LongRow(string campaignId, LocalDate date, string channel, string? variationApiId, string? variationName, string metric, long? count, double? amount)
    {
        if (Position == 0 && PutLongRow(campaignId, date, channel, variationApiId, variationName, metric, count, amount))
        {
            RowCount++;
            return;
        }

        String(campaignId);
        Date(date);
        String(channel);
        String(variationApiId);
        String(variationName);
        String(metric);
        if (count is not null)
        {
            Integer(count);
        }
        else
        {
            Number(amount);
        }

        EndRow();
    }

    /// <summary>Takes a whole long row (see <see cref="LongRow"/>) and returns true, or returns false to be given it cell by cell.</summary>
    protected virtual bool PutLongRow(string campaignId, LocalDate date, string channel, string? variationApiId, string? variationName, string metric, long? count, double? amount) => false;

    /// <summary>A cell of a <see cref="Table"/> row: string, <see cref="LocalDate"/>, long, int, double, bool or null.</summary>
    public void Cell(object? value)
    {
        switch (value)
        {
            case null:
                // The column's type decides what an empty cell is in a typed format.
                switch (Columns[Position].Type)
                {
                    case ColumnType.Integer: Integer(null); break;
                    case ColumnType.Number: Number(null); break;
                    case ColumnType.Boolean: Boolean(null); break;
                    case ColumnType.Date: PutNullDate(Next()); break;
                    default: String(null); break;
                }

                break;
            case string s: String(s); break;
            case LocalDate d: Date(d); break;
            case long l: Integer(l); break;
            case int i: Integer(i); break;
            case double x: Number(x); break;
            case bool b: Boolean(b); break;
            default: throw new ArgumentException("Unsupported cell type " + value.GetType().Name + ".", nameof(value));
        }
    }

    /// <summary>Writes every row of <paramref name="table"/> and completes the sink.</summary>
    public void WriteTable(Table table)
    {
        foreach (var row in table.Rows)
        {
            foreach (var cell in row)
            {
                Cell(cell);
            }

            EndRow();
        }

        Complete();
    }

    /// <summary>Writes what is buffered and the format's end; no row may follow.</summary>
    public abstract void Complete();

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the sink holds (not the stream it was given).</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    private bool _started;

    /// <summary>
    /// Writes the format's beginning (a CSV header, a JSON <c>[</c>) once, before the first cell or at
    /// <see cref="Complete"/>: an input that fails before the first row leaves nothing on stdout.
    /// </summary>
    protected void EnsureStarted()
    {
        if (!_started)
        {
            _started = true;
            Started();
        }
    }

    /// <summary>The format's beginning (see <see cref="EnsureStarted"/>).</summary>
    protected virtual void Started()
    {
    }

    private int Next()
    {
        EnsureStarted();
        if (Position >= Columns.Count)
        {
            throw new InvalidOperationException($"Row has more cells than the table's {Columns.Count} columns.");
        }

        return Position++;
    }

    protected abstract void PutString(int column, string? value);

    protected abstract void PutDate(int column, LocalDate value);

    protected abstract void PutNullDate(int column);

    protected abstract void PutInteger(int column, long? value);

    protected abstract void PutNumber(int column, double? value);

    protected abstract void PutBoolean(int column, bool? value);

    protected virtual void RowEnded()
    {
    }
}

/// <summary>CSV rows as they come (see <see cref="CsvWriter"/> for the dialect): the header at once, then one line per row.</summary>
internal sealed class CsvRowSink : RowSink
{
    private readonly TextWriter _writer;
    private readonly ColumnFactory.DateTexts _dates = new();

    public CsvRowSink(IReadOnlyList<Column> columns, TextWriter writer)
        : base(columns)
    {
        _writer = writer;
    }

    public override void Complete()
    {
        EnsureStarted();
        _writer.Flush();
    }

    protected override void Started()
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            _writer.Write(CsvWriter.Escape(Columns[i].Name));
        }

        _writer.Write("\r\n");
    }

    protected override void PutString(int column, string? value)
    {
        Separate(column);
        if (value is not null)
        {
            _writer.Write(CsvWriter.Escape(value));
        }
    }

    protected override void PutDate(int column, LocalDate value)
    {
        Separate(column);
        _writer.Write(_dates.Of(value));
    }

    protected override void PutNullDate(int column) => Separate(column);

    protected override void PutInteger(int column, long? value)
    {
        Separate(column);
        if (value is { } l)
        {
            Span<char> digits = stackalloc char[24];
            l.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
            _writer.Write(digits[..length]);
        }
    }

    protected override void PutNumber(int column, double? value)
    {
        Separate(column);
        if (value is { } x)
        {
            Span<char> text = stackalloc char[Cells.MaxShortLength];
            if (Cells.TryPlainDecimal(x, text, out var length))
            {
                _writer.Write(text[..length]);
            }
            else
            {
                _writer.Write(Cells.PlainDecimal(x));
            }
        }
    }

    protected override void PutBoolean(int column, bool? value)
    {
        Separate(column);
        if (value is { } b)
        {
            _writer.Write(b ? "true" : "false");
        }
    }

    protected override void RowEnded() => _writer.Write("\r\n");

    private void Separate(int column)
    {
        if (column > 0)
        {
            _writer.Write(',');
        }
    }
}

/// <summary>
/// JSON rows as they come (see <see cref="JsonTableWriter"/>): the array is opened at once, each row is an object
/// flushed to the stream as it ends, and <see cref="Complete"/> closes the array, so the document is the one the whole
/// table would give, byte for byte.
/// </summary>
internal sealed class JsonRowSink : RowSink
{
    private const int FlushAt = 64 * 1024;
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;
    private readonly JsonEncodedText[] _names;
    private readonly ColumnFactory.DateTexts _dates = new();

    public JsonRowSink(IReadOnlyList<Column> columns, Stream stream)
        : this(columns, stream, new Utf8JsonWriter(stream, JsonTableWriter.Options), ownsWriter: true)
    {
    }

    /// <summary>Rows written as an array into <paramref name="writer"/> (which may be inside a larger document).</summary>
    public JsonRowSink(IReadOnlyList<Column> columns, Utf8JsonWriter writer)
        : this(columns, null, writer, ownsWriter: false)
    {
    }

    private JsonRowSink(IReadOnlyList<Column> columns, Stream? stream, Utf8JsonWriter writer, bool ownsWriter)
        : base(columns)
    {
        _stream = stream ?? Stream.Null;
        _writer = writer;
        OwnsWriter = ownsWriter;
        _names = new JsonEncodedText[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            _names[i] = JsonEncodedText.Encode(columns[i].Name, JsonTableWriter.Options.Encoder);
        }
    }

    private bool OwnsWriter { get; }

    public override void Complete()
    {
        EnsureStarted();
        _writer.WriteEndArray();
        if (OwnsWriter)
        {
            _writer.Flush();
            _stream.Write("\n"u8);
            _stream.Flush();
        }
    }

    protected override void Started() => _writer.WriteStartArray();

    protected override void Dispose(bool disposing)
    {
        if (disposing && OwnsWriter)
        {
            _writer.Dispose();
        }
    }

    protected override void PutString(int column, string? value)
    {
        Name(column);
        if (value is null)
        {
            _writer.WriteNullValue();
        }
        else
        {
            _writer.WriteStringValue(value);
        }
    }

    protected override void PutDate(int column, LocalDate value)
    {
        Name(column);
        _writer.WriteStringValue(_dates.Of(value));
    }

    protected override void PutNullDate(int column)
    {
        Name(column);
        _writer.WriteNullValue();
    }

    protected override void PutInteger(int column, long? value)
    {
        Name(column);
        if (value is { } l)
        {
            _writer.WriteNumberValue(l);
        }
        else
        {
            _writer.WriteNullValue();
        }
    }

    protected override void PutNumber(int column, double? value)
    {
        Name(column);
        if (value is { } x)
        {
            _writer.WriteNumberValue(x);
        }
        else
        {
            _writer.WriteNullValue();
        }
    }

    protected override void PutBoolean(int column, bool? value)
    {
        Name(column);
        if (value is { } b)
        {
            _writer.WriteBooleanValue(b);
        }
        else
        {
            _writer.WriteNullValue();
        }
    }

    protected override void RowEnded()
    {
        _writer.WriteEndObject();
        if (OwnsWriter && _writer.BytesPending >= FlushAt)
        {
            _writer.Flush();
        }
    }

    private void Name(int column)
    {
        if (column == 0)
        {
            _writer.WriteStartObject();
        }

        _writer.WritePropertyName(_names[column]);
    }
}
