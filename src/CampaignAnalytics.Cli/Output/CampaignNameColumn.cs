using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Cli.Input;

namespace CampaignAnalytics.Cli.Output;

/// <summary>
/// The <c>campaign_name</c> column: added LAST to a machine table when an input knows its campaign's name (a store filled
/// by <c>fetch --all</c>), so that every existing column keeps its position; tables of inputs without names are unchanged.
/// </summary>
internal static class CampaignNameColumn
{
    /// <summary>The column's name.</summary>
    public const string Name = "campaign_name";

    /// <summary>
    /// The table with <c>campaign_name</c> appended when any input has a name: each row's campaign is the value of the
    /// <c>campaign_id</c> column, or the single input's when the table has none.
    /// </summary>
    public static Table Append(Table table, IReadOnlyList<CampaignInput> inputs)
    {
        if (!inputs.Any(i => i.Name is not null))
        {
            return table;
        }

        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            names[input.CampaignId] = input.Name;
        }

        var idColumn = table.Columns.ToList().FindIndex(c => c.Name == "campaign_id");
        return table.WithColumn(new Column(Name, ColumnType.String), row => idColumn >= 0
            ? row[idColumn] is string id && names.TryGetValue(id, out var n) ? n : null
            : inputs[0].Name);
    }
}

/// <summary>
/// A streaming <see cref="CampaignNameColumn"/>: rows written with the inner sink's columns but the last pass through
/// unchanged, and each row gains the name of the campaign in its <c>campaign_id</c> cell as its last cell.
/// </summary>
internal sealed class CampaignNameSink : RowSink
{
    private readonly RowSink _inner;
    private readonly IReadOnlyDictionary<string, string?> _names;
    private readonly int _idColumn;
    private string? _id;

    /// <param name="inner">The sink with every column of <paramref name="columns"/> and <c>campaign_name</c> last.</param>
    /// <param name="columns">The columns the rows are written with (a <c>campaign_id</c> among them).</param>
    /// <param name="names">Each stored campaign's name by id.</param>
    public CampaignNameSink(RowSink inner, IReadOnlyList<Column> columns, IReadOnlyDictionary<string, string?> names)
        : base(columns)
    {
        _inner = inner;
        _names = names;
        _idColumn = columns.ToList().FindIndex(c => c.Name == "campaign_id");
    }

    /// <summary>The inner sink's columns: these columns and <c>campaign_name</c>.</summary>
    public static IReadOnlyList<Column> With(IReadOnlyList<Column> columns) =>
        columns.Append(new Column(CampaignNameColumn.Name, ColumnType.String)).ToList();

    public override void Complete() => _inner.Complete();

    protected override void PutString(int column, string? value)
    {
        if (column == _idColumn)
        {
            _id = value;
        }

        _inner.String(value);
    }

    protected override void PutDate(int column, NodaTime.LocalDate value) => _inner.Date(value);

    protected override void PutNullDate(int column) => _inner.Cell(null);

    protected override void PutInteger(int column, long? value) => _inner.Integer(value);

    protected override void PutNumber(int column, double? value) => _inner.Number(value);

    protected override void PutBoolean(int column, bool? value) => _inner.Boolean(value);

    protected override void RowEnded()
    {
        _inner.String(_id is not null && _names.TryGetValue(_id, out var name) ? name : null);
        _inner.EndRow();
        _id = null;
    }
}
