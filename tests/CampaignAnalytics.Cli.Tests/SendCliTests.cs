using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CampaignAnalytics.Models;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// <c>fetch --campaign ID --send SEND_ID</c> against the loopback fake workspace: the send's days as a campaign-series
/// response file that <c>report</c> reads, the retention note for an old range only, and the misuses as user errors.
/// </summary>
public sealed class SendCliTests : IAsyncDisposable
{
    private const string ApiKey = "test-key-send-cli-do-not-print";
    private readonly FakeWorkspace _workspace = FakeWorkspace.Create(1);
    private readonly FakeBrazeServer _server;
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-send-").FullName;

    public SendCliTests() => _server = new FakeBrazeServer(_workspace);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string CampaignId => _workspace.Campaigns[0].Id;

    private Task<CliResult> Fetch(params string[] args) =>
        CliRunner.RunAsync(new[] { "fetch", "--endpoint", _server.BaseUri.ToString() }.Concat(args), new Dictionary<string, string?> { ["BRAZE_API_KEY"] = ApiKey });

    [Fact]
    public async Task Fetch_send_to_a_file_writes_its_days_as_a_campaign_series_that_report_reads()
    {
        var file = Path.Combine(_dir, "send.json");
        var fetch = await Fetch("--campaign", CampaignId, "--send", "send-42", "--from", "2026-09-01", "--to", "2026-09-10", "--out", file);

        Assert.True(fetch.ExitCode == 0, fetch.ToString());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/sends/data_series", request.Path);
        Assert.Equal(("send-42", CampaignId, "10"), (request.Parameter("send_id"), request.Parameter("campaign_id"), request.Parameter("length")));
        var written = CampaignDataSeriesResponse.Parse(File.ReadAllBytes(file)).Data!;
        Assert.Equal(10, written.Count);
        Assert.Equal(new NodaTime.LocalDate(2026, 9, 1), written[0].Time);
        Assert.DoesNotContain(ApiKey[..8], fetch.Stderr + fetch.Stdout, StringComparison.Ordinal);

        var report = await CliRunner.RunAsync("report", file, "--format", "csv");
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.NotEmpty(report.Stdout.Trim());
    }

    [Fact]
    public async Task Fetch_send_of_a_range_older_than_14_days_adds_one_retention_note_and_exits_0()
    {
        var old = await Fetch("--campaign", CampaignId, "--send", "send-42", "--from", "2026-09-01", "--to", "2026-09-10");

        Assert.True(old.ExitCode == 0, old.ToString());
        var note = Assert.Single(old.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("note:", StringComparison.Ordinal));
        Assert.StartsWith("note: 10 requested send day(s) (2026-09-01 onwards) are older than 14 days", note, StringComparison.Ordinal);
        Assert.Equal(10, CampaignDataSeriesResponse.Parse(System.Text.Encoding.UTF8.GetBytes(old.Stdout)).Data!.Count);
    }

    [Fact]
    public async Task Fetch_send_of_a_recent_range_has_no_note()
    {
        var recent = await Fetch("--campaign", CampaignId, "--send", "send-42", "--days", "7");

        Assert.True(recent.ExitCode == 0, recent.ToString());
        Assert.DoesNotContain("note:", recent.Stderr, StringComparison.Ordinal);
        Assert.Equal(7, CampaignDataSeriesResponse.Parse(System.Text.Encoding.UTF8.GetBytes(recent.Stdout)).Data!.Count);
    }

    [Theory]
    [InlineData("--send needs exactly one --campaign", "--send", "s1", "--days", "3")]
    [InlineData("--send needs exactly one --campaign", "--send", "s1", "--days", "3", "--campaign", "a", "--campaign", "b")]
    [InlineData("not with --canvas.", "--send", "s1", "--days", "3", "--campaign", "CAMPAIGN", "--canvas", "x")]
    [InlineData("not with --all.", "--send", "s1", "--days", "3", "--campaign", "CAMPAIGN", "--all")]
    [InlineData("not with --store.", "--send", "s1", "--days", "3", "--campaign", "CAMPAIGN", "--store", "x.db")]
    [InlineData("at most 100 days of a send", "--send", "s1", "--days", "101", "--campaign", "CAMPAIGN")]
    [InlineData("campaign-analytics: --send: ", "--send", " ", "--days", "3", "--campaign", "CAMPAIGN")]
    public async Task Fetch_send_misuse_is_a_one_line_user_error_before_any_request(string expected, params string[] args)
    {
        var result = await Fetch(args.Select(a => a == "CAMPAIGN" ? CampaignId : a).ToArray());

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("campaign-analytics: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.Empty(_server.Requests);
    }
}
