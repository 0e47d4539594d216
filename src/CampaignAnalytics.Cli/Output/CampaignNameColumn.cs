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
        var result = new Table(table.Columns.Append(new Column(Name, ColumnType.String)).ToList());
        foreach (var row in table.Rows)
        {
            var name = idColumn >= 0
                ? row[idColumn] is string id && names.TryGetValue(id, out var n) ? n : null
                : inputs[0].Name;
            result.Add(row.Append(name).ToArray());
        }

        return result;
    }
}
