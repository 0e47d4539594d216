using System;
using System.Globalization;
using Spectre.Console;

namespace CampaignAnalytics.Cli.Output;

/// <summary>
/// The default <c>table</c> format on a large output: tables are drawn until a page is full, the rest is only counted,
/// and a <c>note:</c> says how many rows were not shown and how to get them all (<c>--format csv</c>). Spectre's
/// widgets for millions of rows would take gigabytes; a page of them is what a person reads.
/// </summary>
internal sealed class TablePage
{
    /// <summary>The page when stdout is a file or a pipe and <c>LINES</c> is not set: every table of an ordinary report fits.</summary>
    public const int RedirectedRows = 10_000;

    public TablePage(int rows)
    {
        Capacity = rows;
    }

    /// <summary>Rows the page holds.</summary>
    public int Capacity { get; }

    /// <summary>Rows drawn.</summary>
    public long Shown { get; private set; }

    /// <summary>Rows counted but not drawn.</summary>
    public long Skipped { get; private set; }

    /// <summary>Whether anything was drawn (a blank line goes between tables).</summary>
    private bool _any;

    /// <summary>
    /// The rows a page holds: <c>LINES</c> when it is a whole number from 5 to 10,000,000 (as shells set it), else
    /// <see cref="RedirectedRows"/> for a file or a pipe, else the terminal's height less the lines a table adds.
    /// </summary>
    internal static int Rows(string? lines, bool redirected, Func<int> height) =>
        int.TryParse(lines, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 5 and <= 10_000_000
            ? n
            : redirected ? RedirectedRows : Math.Max(10, height() - 6);

    /// <summary>The page for this process's stdout.</summary>
    public static TablePage ForStdout() =>
        new(Rows(Environment.GetEnvironmentVariable("LINES"), Console.IsOutputRedirected, () => Console.WindowHeight));

    /// <summary>Draws as much of <paramref name="table"/> as the page still holds and counts the rest.</summary>
    public void Add(DisplayTable table)
    {
        var room = Capacity - Shown;
        if (room <= 0)
        {
            Skipped += table.Rows.Count;
            return;
        }

        var shown = table;
        if (table.Rows.Count > room)
        {
            shown = new DisplayTable(table.Title, table.Columns);
            shown.Rows.AddRange(table.Rows.GetRange(0, (int)room));
            Skipped += table.Rows.Count - room;
        }

        if (_any)
        {
            Emit.Stdout.WriteLine();
        }

        Emit.ToTerminal(shown);
        Shown += shown.Rows.Count;
        _any = true;
    }

    /// <summary>The note (without <c>note: </c>) when rows were left out, else null.</summary>
    public string? Note() => Skipped == 0
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"the table shows the first {Shown} of {Shown + Skipped} rows; the other {Skipped} follow with --format csv (or json).");
}
