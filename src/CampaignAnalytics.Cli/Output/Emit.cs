using System;
using System.IO;
using System.Text;
using Spectre.Console;

namespace CampaignAnalytics.Cli.Output;

/// <summary>Writes tables to stdout in the chosen format, and gives the Spectre consoles for stdout and stderr.</summary>
internal static class Emit
{
    public static IAnsiConsole Stdout { get; } = CreateStdout();

    /// <summary>The width tables are fitted to when stdout is a file or a pipe and <c>COLUMNS</c> is not set.</summary>
    public const int RedirectedWidth = 240;

    private static IAnsiConsole CreateStdout()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Width(Environment.GetEnvironmentVariable("COLUMNS"), Console.IsOutputRedirected) is { } width)
        {
            console.Profile.Width = width;
        }

        return console;
    }

    /// <summary>
    /// The width to fit tables to: <c>COLUMNS</c> when it is a whole number from 20 to 1000 (as shells and <c>tput</c>
    /// set it), else <see cref="RedirectedWidth"/> for a file or a pipe (which has no width), else null: the terminal's.
    /// </summary>
    internal static int? Width(string? columns, bool redirected) =>
        int.TryParse(columns, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 20 and <= 1000
            ? n
            : redirected ? RedirectedWidth : null;

    public static IAnsiConsole Stderr { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Writes a machine format (<c>csv</c> or <c>json</c>) of the table to stdout.</summary>
    public static void ToStdout(Table table, string format)
    {
        switch (format)
        {
            case "csv":
                var text = new StringWriter();
                CsvWriter.Write(table, text);
                WriteRaw(Encoding.UTF8.GetBytes(text.ToString()));
                break;
            case "json":
                var buffer = new MemoryStream();
                JsonTableWriter.Write(table, buffer);
                WriteRaw(buffer.ToArray());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Not a machine format.");
        }
    }

    /// <summary>Draws a table for people on stdout, fitted to its width.</summary>
    public static void ToTerminal(DisplayTable table) => TerminalTable.Write(table, Stdout);

    /// <summary>Writes bytes to stdout unchanged (no console encoding or newline translation).</summary>
    public static void WriteRaw(byte[] bytes)
    {
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(bytes);
        stdout.Flush();
    }
}
