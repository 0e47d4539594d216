using System;
using System.Linq;
using NodaTime;
using System.Collections.Generic;

namespace CampaignAnalytics.Cli.Output;

/// <summary>The type of a <see cref="Table"/> column; cells hold string, <see cref="NodaTime.LocalDate"/>, long, double or bool, or null.</summary>
internal enum ColumnType
{
    String,
    Date,
    Integer,
    Number,
    Boolean,
}

/// <summary>A column of a <see cref="Table"/>.</summary>
internal sealed record Column(string Name, ColumnType Type);

/// <summary>
/// A typed result table: every command builds one and the writers render it as a terminal table, CSV, JSON or
/// Parquet, so the formats cannot disagree.
/// </summary>
internal sealed class Table
{
    public Table(IReadOnlyList<Column> columns)
    {
        Columns = columns;
    }

    public IReadOnlyList<Column> Columns { get; }

    public List<object?[]> Rows { get; } = new();

    public void Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"Row has {cells.Length} cells; the table has {Columns.Count} columns.", nameof(cells));
        }

        Rows.Add(cells);
    }

    /// <summary>A copy of the table with <paramref name="column"/> appended, each row's cell given by <paramref name="cell"/> of the row.</summary>
    public Table WithColumn(Column column, Func<object?[], object?> cell)
    {
        var result = new Table(Columns.Append(column).ToList());
        foreach (var row in Rows)
        {
            result.Rows.Add(row.Append(cell(row)).ToArray());
        }

        return result;
    }
}

/// <summary>
/// A sink that keeps its rows in a <see cref="Output.Table"/>: for outputs that are bounded by nature and must be
/// reshaped before they are written (one Canvas's step rows gain its step columns).
/// </summary>
internal sealed class TableSink : RowSink
{
    private object?[] _row;

    public TableSink(IReadOnlyList<Column> columns)
        : base(columns)
    {
        Table = new Table(columns);
        _row = new object?[columns.Count];
    }

    /// <summary>The rows collected so far.</summary>
    public Table Table { get; }

    public override void Complete()
    {
    }

    protected override void PutString(int column, string? value) => _row[column] = value;

    protected override void PutDate(int column, LocalDate value) => _row[column] = value;

    protected override void PutNullDate(int column) => _row[column] = null;

    protected override void PutInteger(int column, long? value) => _row[column] = value;

    protected override void PutNumber(int column, double? value) => _row[column] = value;

    protected override void PutBoolean(int column, bool? value) => _row[column] = value;

    protected override void RowEnded()
    {
        Table.Rows.Add(_row);
        _row = new object?[Columns.Count];
    }
}
