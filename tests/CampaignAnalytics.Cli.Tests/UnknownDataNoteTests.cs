using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>Unknown channels and fields are never dropped silently: report, compare and export say so on stderr, and still exit 0.</summary>
public sealed class UnknownDataNoteTests : IDisposable
{
    private const string Note = "note: 1 unknown channel (line) and 2 unknown fields (some_future_field on days, latency_p99_ms on webhook) are not in this output; run `campaign-analytics schema check`";
    private static readonly string Real = CliRunner.Data("multichannel-real.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-note-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertOneNote(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var notes = result.Stderr.Split('\n').Where(l => l.StartsWith("note:", StringComparison.Ordinal)).ToList();
        Assert.True(notes.Count == 1, result.ToString());
        Assert.StartsWith(Note, notes[0], StringComparison.Ordinal);
        Assert.DoesNotContain("note:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_compare_and_export_print_one_note_and_exit_0()
    {
        AssertOneNote(await CliRunner.RunAsync("report", Real, "--format", "csv"));
        AssertOneNote(await CliRunner.RunAsync("compare", Real, "--channel", "email", "--format", "json"));
        AssertOneNote(await CliRunner.RunAsync("export", Real, "--layout", "wide", "--out", Path.Combine(_dir, "wide.csv")));
    }

    [Fact]
    public async Task Known_data_gets_no_note()
    {
        var result = await CliRunner.RunAsync("report", CliRunner.Data("spring-sale.json"), "--by", "month", "--format", "csv");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("note:", result.Stderr, StringComparison.Ordinal);

        // A window without the unknown data: nothing left out of this output.
        var window = await CliRunner.RunAsync("report", Real, "--from", "2025-06-20", "--to", "2025-06-20", "--format", "csv");
        Assert.True(window.ExitCode == 0, window.ToString());
        Assert.DoesNotContain("note:", window.Stderr, StringComparison.Ordinal);
    }
}
