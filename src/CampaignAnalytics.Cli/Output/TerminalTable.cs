using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CampaignAnalytics.Cli.Output;

/// <summary>
/// A column of a <see cref="DisplayTable"/>. Numbers are right-aligned and never wrap; a column with a
/// <paramref name="DropOrder"/> may be left out when the table is wider than the terminal (the highest order goes
/// first); text columns without one wrap as a last resort.
/// </summary>
/// <param name="Header">The header.</param>
/// <param name="Numeric">Right-aligned, never wrapped.</param>
/// <param name="DropOrder">Null: always shown. Else the column may be dropped to fit, highest order first.</param>
/// <param name="Unbroken">A text that must not wrap either (an API id): left-aligned, never narrowed.</param>
internal sealed record DisplayColumn(string Header, bool Numeric = false, int? DropOrder = null, bool Unbroken = false)
{
    /// <summary>Whether the column's cells may wrap when nothing else gives way (names, yes; numbers and ids, never).</summary>
    public bool Wraps => !Numeric && !Unbroken;
}

/// <summary>A table for people: cells already worded (<see cref="Display.Formatting"/>), a title, and notes under it.</summary>
internal sealed class DisplayTable
{
    public DisplayTable(string? title, IReadOnlyList<DisplayColumn> columns)
    {
        Title = title;
        Columns = columns;
    }

    public string? Title { get; }

    public IReadOnlyList<DisplayColumn> Columns { get; }

    public List<string[]> Rows { get; } = new();

    public void Add(params string[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"Row has {cells.Length} cells; the table has {Columns.Count} columns.", nameof(cells));
        }

        Rows.Add(cells);
    }
}

/// <summary>
/// Draws a <see cref="DisplayTable"/> with Spectre.Console to fit the console's width: a header, a rule, two spaces
/// between columns and no frame. When the natural widths do not fit, droppable columns are left out (highest
/// <see cref="DisplayColumn.DropOrder"/> first) and a line under the table names them; if it is still too wide, the
/// widest wrapping text columns (names) wrap. Numbers and ids never wrap.
/// </summary>
internal static class TerminalTable
{
    /// <summary>Spaces between two columns.</summary>
    private const int Gap = 2;

    /// <summary>A text column is never narrowed below this (or its header).</summary>
    private const int MinText = 8;

    public static void Write(DisplayTable table, IAnsiConsole console)
    {
        var width = console.Profile.Width;
        var layout = Fit(table, width, Measurer(console));
        if (table.Title is { } title)
        {
            console.Write(new Text(title + "\n", new Style(decoration: Decoration.Bold)));
        }

        var grid = new Spectre.Console.Table().Border(TableBorder.None).HideHeaders();
        var shown = layout.Shown;
        for (var k = 0; k < shown.Count; k++)
        {
            var column = table.Columns[shown[k]];
            var c = new TableColumn(string.Empty).PadLeft(0).PadRight(k == shown.Count - 1 ? 0 : Gap).Width(layout.Widths[k]);
            if (column.Numeric)
            {
                c.RightAligned();
            }

            if (!column.Wraps)
            {
                c.NoWrap();
            }

            grid.AddColumn(c);
        }

        grid.AddRow(shown.Select(i => (IRenderable)new Text(table.Columns[i].Header, new Style(decoration: Decoration.Bold))).ToArray());
        grid.AddRow(layout.Widths.Select(w => (IRenderable)new Text(new string('─', w))).ToArray());
        foreach (var row in table.Rows)
        {
            grid.AddRow(shown.Select(i => (IRenderable)new Text(row[i])).ToArray());
        }

        console.Write(grid);
        if (layout.Dropped.Count > 0)
        {
            var names = string.Join(", ", layout.Dropped.Select(i => table.Columns[i].Header));
            console.Write(new Text(
                string.Create(CultureInfo.InvariantCulture, $"Not shown at {width} columns: {names} (a wider terminal shows them; --format csv has every column).\n"),
                new Style(decoration: Decoration.Dim)));
        }
    }

    /// <summary>The columns shown (indices, in table order), their widths, and the columns dropped (in drop order).</summary>
    internal sealed record Layout(IReadOnlyList<int> Shown, IReadOnlyList<int> Widths, IReadOnlyList<int> Dropped);

    /// <summary>Chooses the columns and widths for a console <paramref name="width"/> characters wide.</summary>
    internal static Layout Fit(DisplayTable table, int width, Func<string, int> cellWidth)
    {
        var natural = new int[table.Columns.Count];
        for (var i = 0; i < natural.Length; i++)
        {
            natural[i] = Math.Max(cellWidth(table.Columns[i].Header), table.Rows.Count == 0 ? 0 : table.Rows.Max(r => cellWidth(r[i])));
        }

        var shown = Enumerable.Range(0, natural.Length).ToList();
        var dropped = new List<int>();
        int Total() => shown.Sum(i => natural[i]) + (Gap * Math.Max(0, shown.Count - 1));
        while (Total() > width)
        {
            var candidates = shown.Where(i => table.Columns[i].DropOrder is not null).ToList();
            if (candidates.Count == 0)
            {
                break;
            }

            var drop = candidates.OrderByDescending(i => table.Columns[i].DropOrder!.Value).ThenByDescending(i => i).First();
            shown.Remove(drop);
            dropped.Add(drop);
        }

        // Still too wide: narrow the widest text column, one character at a time (its cells wrap).
        var widths = shown.ToDictionary(i => i, i => natural[i]);
        var excess = Total() - width;
        while (excess > 0)
        {
            var narrowable = shown
                .Where(i => table.Columns[i].Wraps && widths[i] > Math.Max(MinText, cellWidth(table.Columns[i].Header)))
                .OrderByDescending(i => widths[i])
                .ToList();
            if (narrowable.Count == 0)
            {
                break;
            }

            widths[narrowable[0]]--;
            excess--;
        }

        return new Layout(shown, shown.Select(i => widths[i]).ToList(), dropped);
    }

    /// <summary>The columns a text takes on the console (wide characters count two), as Spectre measures it.</summary>
    private static Func<string, int> Measurer(IAnsiConsole console)
    {
        var options = RenderOptions.Create(console, console.Profile.Capabilities);
        return text => ((IRenderable)new Text(text)).Measure(options, int.MaxValue).Max;
    }
}
