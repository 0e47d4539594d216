using System;
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
}
