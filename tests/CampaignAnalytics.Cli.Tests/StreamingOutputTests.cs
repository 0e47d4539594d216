using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CampaignAnalytics.Cli.Output;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>Outputs written as they are produced: a page of the table for people, whole documents for machines, no half file.</summary>
public sealed class StreamingOutputTests : IDisposable
{
    private static readonly string Spring = CliRunner.Data("spring-sale.json");
    private static readonly string Welcome = CliRunner.Data("welcome-series.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_table_larger_than_a_page_shows_the_page_and_says_how_many_rows_follow_and_how_to_get_them()
    {
        var csv = await CliRunner.RunAsync("report", Spring, Welcome, "--format", "csv");
        var total = Csv.Parse(csv.Stdout).Count - 1;
        Assert.True(total > 1000, total.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var paged = await CliRunner.RunAsync(new[] { "report", Spring, Welcome }, new Dictionary<string, string?> { ["LINES"] = "40" });
        Assert.True(paged.ExitCode == 0, paged.ToString());
        Assert.Contains($"note: the table shows the first 40 of {total} rows; the other {total - 40} follow with --format csv (or json).", paged.Stderr, StringComparison.Ordinal);
        // 40 rows, one table: a title, a header and a rule above them.
        Assert.Equal(43, paged.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Length);

        // An output that fits the page is drawn whole, without a note.
        var whole = await CliRunner.RunAsync("report", Spring, "--by", "month");
        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.DoesNotContain("the table shows", whole.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30", true, 50, 30)]
    [InlineData(null, true, 50, TablePage.RedirectedRows)]
    [InlineData("lots", true, 50, TablePage.RedirectedRows)]
    [InlineData(null, false, 50, 44)]
    [InlineData(null, false, 3, 10)]
    public void The_page_is_LINES_else_the_terminal_s_height_else_a_large_page_for_a_pipe(string? lines, bool redirected, int height, int rows) =>
        Assert.Equal(rows, TablePage.Rows(lines, redirected, () => height));

    [Fact]
    public async Task Streamed_json_is_one_valid_document_with_a_row_per_csv_row()
    {
        var csv = Csv.Parse((await CliRunner.RunAsync("export", Spring, Welcome, "--layout", "long", "--out", "-")).Stdout);
        var json = await CliRunner.RunAsync("export", Spring, Welcome, "--layout", "long", "--format", "json", "--out", "-");
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(csv.Count - 1, document.RootElement.GetArrayLength());
        Assert.EndsWith("]\n", json.Stdout, StringComparison.Ordinal);

        var report = await CliRunner.RunAsync("report", Spring, Welcome, "--by", "week", "--format", "json");
        using var rates = JsonDocument.Parse(report.Stdout);
        Assert.Equal(Csv.Parse((await CliRunner.RunAsync("report", Spring, Welcome, "--by", "week", "--format", "csv")).Stdout).Count - 1, rates.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task An_input_that_fails_after_rows_were_written_leaves_no_file_and_a_missing_one_leaves_stdout_empty()
    {
        var bad = Path.Combine(_dir, "broken.json");
        File.WriteAllText(bad, "{\"message\":\"success\",\"data\":[{\"time\":\"2025-03-01\",");
        var target = Path.Combine(_dir, "values.csv");
        var result = await CliRunner.RunAsync("export", Spring, bad, "--layout", "long", "--out", target);
        UserErrorTests.AssertUserError(result, "broken.json");
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));

        var missing = await CliRunner.RunAsync("export", Spring, Path.Combine(_dir, "nowhere.json"), "--layout", "long", "--out", "-");
        UserErrorTests.AssertUserError(missing, "nowhere.json", "file not found");
        Assert.Equal(string.Empty, missing.Stdout);
    }

    [Fact]
    public async Task A_campaign_read_ahead_that_fails_fails_in_its_turn_after_the_rows_before_it()
    {
        // The next campaign is parsed on another thread while this one is written: its error still comes after this
        // one's rows (as far as they were flushed when it came), as one user error.
        var bad = Path.Combine(_dir, "zz-broken.json");
        File.WriteAllText(bad, "{\"message\":\"success\",\"data\":[{\"time\":\"2025-03-01\",");
        var alone = await CliRunner.RunAsync("report", Spring, "--by", "week", "--format", "csv");
        var result = await CliRunner.RunAsync("report", Spring, bad, "--by", "week", "--format", "csv");
        UserErrorTests.AssertUserError(result, "zz-broken.json");
        Assert.StartsWith(result.Stdout, alone.Stdout, StringComparison.Ordinal);
        Assert.True(result.Stdout.Length > 1000, "the first campaign's rows came before the error");
    }
}
