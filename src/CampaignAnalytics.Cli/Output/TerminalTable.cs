using System.Linq;
using Spectre.Console;

namespace CampaignAnalytics.Cli.Output;

/// <summary>A table for people, drawn with Spectre.Console; numbers right-aligned and shortened to 6 significant digits.</summary>
internal static class TerminalTable
{
    public static void Write(Table table, IAnsiConsole console, string? title = null)
    {
        var grid = new Spectre.Console.Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            grid.Title(Markup.Escape(title));
        }

        foreach (var column in table.Columns)
        {
            var c = new TableColumn(Markup.Escape(column.Name));
            if (column.Type is ColumnType.Integer or ColumnType.Number)
            {
                c.RightAligned();
            }

            grid.AddColumn(c);
        }

        foreach (var row in table.Rows)
        {
            grid.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(Cells.Display(cell))).ToArray());
        }

        console.Write(grid);
    }
}
