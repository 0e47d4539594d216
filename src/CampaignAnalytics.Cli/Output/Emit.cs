using System;
using System.IO;
using System.Text;
using Spectre.Console;

namespace CampaignAnalytics.Cli.Output;

/// <summary>Writes tables to stdout in the chosen format, and gives the Spectre consoles for stdout and stderr.</summary>
internal static class Emit
{
    public static IAnsiConsole Stdout { get; } = CreateStdout();

    private static IAnsiConsole CreateStdout()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            // A file or a pipe has no width: do not wrap tables at 80 columns.
            console.Profile.Width = 240;
        }

        return console;
    }

    public static IAnsiConsole Stderr { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public static void ToStdout(Table table, string format, string? title = null)
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
                TerminalTable.Write(table, Stdout, title);
                break;
        }
    }

    /// <summary>Writes bytes to stdout unchanged (no console encoding or newline translation).</summary>
    public static void WriteRaw(byte[] bytes)
    {
        Console.Out.Flush();
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(bytes);
        stdout.Flush();
    }
}
