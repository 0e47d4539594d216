using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CampaignAnalytics.Models;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// Canvases through the command line against the loopback fake workspace: <c>fetch --canvas</c> to a file and to a store,
/// then <c>compare</c> (the A/B test and a step channel rate), <c>export</c> and <c>report</c> of the Canvas shape.
/// </summary>
public sealed class CanvasCliTests : IAsyncDisposable
{
    private const string ApiKey = "test-key-canvas-cli-do-not-print";
    private readonly FakeWorkspace _workspace = FakeWorkspace.Create(0, canvases: 2);
    private readonly FakeBrazeServer _server;
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-canvas-").FullName;

    public CanvasCliTests() => _server = new FakeBrazeServer(_workspace);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private FakeCanvas Canvas => _workspace.Canvases[1];

    private Task<CliResult> Fetch(params string[] args) =>
        CliRunner.RunAsync(new[] { "fetch", "--endpoint", _server.BaseUri.ToString() }.Concat(args), new Dictionary<string, string?> { ["BRAZE_API_KEY"] = ApiKey });

    private async Task<string> FetchedFile()
    {
        var file = Path.Combine(_dir, "journey.json");
        var fetch = await Fetch("--canvas", Canvas.Id, "--from", "2026-09-01", "--to", "2026-10-15", "--out", file);
        Assert.True(fetch.ExitCode == 0, fetch.Stderr);
        return file;
    }

    [Fact]
    public async Task Fetch_canvas_to_a_file_stitches_45_days_from_four_requests_with_both_breakdowns()
    {
        var file = await FetchedFile();

        var response = CanvasDataSeriesResponse.Parse(File.ReadAllBytes(file));
        Assert.Equal(Canvas.Name, response.Data!.Name);
        Assert.Equal(45, response.Data.Stats!.Select(d => d.Time).Distinct().Count());
        Assert.Equal(45, response.Data.Stats!.Count);
        var sent = _server.Requests.Where(r => r.Path == "/canvas/data_series").ToList();
        Assert.Equal(4, sent.Count);
        Assert.All(sent, r => Assert.Equal(("true", "true"), (r.Parameter("include_variant_breakdown"), r.Parameter("include_step_breakdown"))));
    }

    [Fact]
    public async Task Fetch_needs_a_campaign_or_a_canvas_and_not_both()
    {
        var neither = await Fetch("--days", "3");
        Assert.Equal(2, neither.ExitCode);
        Assert.Equal("campaign-analytics: say what to fetch: --campaign ID or --canvas ID (repeatable), or --all --store PATH.", neither.Stderr.Trim());
        var both = await Fetch("--days", "3", "--campaign", "c", "--canvas", Canvas.Id);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("not both", both.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Compare_of_a_canvas_file_is_the_ab_test_and_needs_a_control_variant()
    {
        var file = await FetchedFile();

        // The fake's variants are "Variant 1" and "Variant 2": no control variant, so the baseline must be named.
        var noControl = await CliRunner.RunAsync("compare", file);
        Assert.Equal(2, noControl.ExitCode);
        Assert.Contains("no control variant", noControl.Stderr, StringComparison.Ordinal);
        Assert.Single(noControl.Stderr.Trim().Split('\n'));

        var compare = await CliRunner.RunAsync("compare", file, "--control", "Variant 1", "--format", "csv");
        Assert.True(compare.ExitCode == 0, compare.Stderr);
        var rows = Csv.Parse(compare.Stdout);
        Assert.Equal("variant_id", rows[0][0]);
        Assert.Equal(new[] { Canvas.Variants[0].Id, Canvas.Variants[1].Id }, rows.Skip(1).Select(r => r[0]));

        // Entries and conversions are the sums of the variant's days.
        var days = CanvasDataSeriesResponse.Parse(File.ReadAllBytes(file)).Data!.Stats!;
        Assert.Equal(days.Sum(d => d.VariantStats![Canvas.Variants[1].Id].Entries!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture), rows[2][2]);
        Assert.Equal(days.Sum(d => d.VariantStats![Canvas.Variants[1].Id].Conversions!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture), rows[2][3]);
    }

    [Fact]
    public async Task A_stored_canvas_by_name_compares_a_step_channel_rate_and_exports_the_canvas_columns()
    {
        var store = Path.Combine(_dir, "canvas.db");
        var fetch = await Fetch("--canvas", Canvas.Id, "--from", "2026-10-01", "--to", "2026-10-20", "--store", store);
        Assert.True(fetch.ExitCode == 0, fetch.Stderr);
        Assert.Contains(_server.Requests, r => r.Path == "/canvas/details");

        var ambiguous = await CliRunner.RunAsync("compare", "--store", store, "--canvas", Canvas.Name, "--channel", "email");
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("3 steps send on 'email'", ambiguous.Stderr, StringComparison.Ordinal);

        var step = await CliRunner.RunAsync("compare", "--store", store, "--canvas", Canvas.Name, "--channel", "email", "--step", "Reminder email", "--rate", "UniqueOpenRate", "--format", "csv");
        Assert.True(step.ExitCode == 0, step.Stderr);

        var export = await CliRunner.RunAsync("export", "--store", store, "--canvas", Canvas.Id, "--layout", "long", "--out", "-");
        Assert.True(export.ExitCode == 0, export.Stderr);
        var rows = Csv.Parse(export.Stdout);
        Assert.Equal(new[] { "canvas_id", "canvas_name", "step_id", "step_name", "date", "channel", "variation_api_id", "variation_name", "metric", "value" }, rows[0]);
        Assert.All(rows.Skip(1), r => Assert.Equal((Canvas.Id, Canvas.Name), (r[0], r[1])));
        Assert.Equal(Canvas.Steps.Select(s => s.Name), rows.Skip(1).Select(r => r[3]).Distinct());

        var unknown = await CliRunner.RunAsync("compare", "--store", store, "--canvas", "No such journey");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no Canvas 'No such journey'", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_of_a_canvas_file_reports_the_step_channel_rates()
    {
        var file = await FetchedFile();

        var report = await CliRunner.RunAsync("report", file, "--format", "csv");

        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.Contains(Canvas.Steps[0].Id, report.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_of_a_canvas_names_each_step_in_the_table_and_adds_step_name_last_in_csv_and_json()
    {
        var file = await FetchedFile();

        var table = await CliRunner.RunAsync("report", file, "--channel", "email", "--by", "month");
        Assert.True(table.ExitCode == 0, table.Stderr);
        var titles = table.Stdout.Split('\n').Where(l => l.Contains(" · email", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(titles);
        Assert.All(titles, t => Assert.Contains(Canvas.Steps.Select(s => s.Name), name => t.TrimStart().StartsWith(name + " ", StringComparison.Ordinal)));
        Assert.All(titles, t => Assert.DoesNotContain(Canvas.Steps.Select(s => s.Id), id => t.Contains(id, StringComparison.Ordinal)));

        var csv = await CliRunner.RunAsync("report", file, "--format", "csv");
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        var rows = Csv.Parse(csv.Stdout);
        Assert.Equal("step_name", rows[0][^1]);
        var id = Array.IndexOf(rows[0], "campaign_id");
        Assert.All(rows.Skip(1), r => Assert.Equal(Canvas.Steps.Single(s => s.Id == r[id]).Name, r[^1]));

        var json = await CliRunner.RunAsync("report", file, "--format", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        using var document = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var first = document.RootElement.EnumerateArray().First();
        Assert.Equal(Canvas.Steps.Single(s => s.Id == first.GetProperty("campaign_id").GetString()).Name, first.GetProperty("step_name").GetString());
    }

    [Fact]
    public async Task Compare_of_a_canvas_step_names_the_step_in_its_header()
    {
        var store = Path.Combine(_dir, "canvas.db");
        var fetch = await Fetch("--canvas", Canvas.Id, "--from", "2026-10-01", "--to", "2026-10-20", "--store", store);
        Assert.True(fetch.ExitCode == 0, fetch.Stderr);
        var reminder = Canvas.Steps.Single(s => s.Name == "Reminder email");

        var compare = await CliRunner.RunAsync("compare", "--store", store, "--canvas", Canvas.Name, "--channel", "email", "--step", reminder.Name, "--rate", "UniqueOpenRate");

        Assert.True(compare.ExitCode == 0, compare.Stderr);
        Assert.Contains($"Reminder email ({reminder.Id})", compare.Stdout, StringComparison.Ordinal);
    }
    [Fact]
    public async Task Schema_check_of_a_canvas_file_finds_an_unknown_channel_in_a_step()
    {
        var file = Path.Combine(_dir, "journey.json");
        File.WriteAllText(file, """
            {"message":"success","data":{"name":"J","stats":[{"time":"2026-10-01","total_stats":{"entries":10,"conversions":1},
             "step_stats":{"s1":{"name":"Welcome","messages":{"email":[{"sent":10,"delivered":9}],"line":[{"sent":3,"taps":1}]}}}}]}}
            """);

        var check = await CliRunner.RunAsync("schema", "check", file);

        Assert.Equal(3, check.ExitCode);
        Assert.Contains("line", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("taps", check.Stdout, StringComparison.Ordinal);
    }
}
