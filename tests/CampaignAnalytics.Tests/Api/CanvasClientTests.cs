using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Models;
using NodaTime;

namespace CampaignAnalytics.Tests.Api;

/// <summary>
/// The Canvas and sends endpoints of the client against the seeded fake workspace: 14-day stitching with every day once,
/// the breakdown flags, deleted steps, the summary reconciling with the summed series, list paging, details, and the
/// sends retention warning.
/// </summary>
public class CanvasClientTests
{
    private const string Key = "sk-TEST-canvas-client-key";

    private static readonly DateInterval FortyFiveDays = new(new LocalDate(2026, 9, 1), new LocalDate(2026, 10, 15));

    private static DataSeriesClient Client(FakeBrazeServer server, CapturingLoggerProvider? logs = null) =>
        DataSeriesClient.Create(
            new DataSeriesClientOptions(BrazeInstance.FromUrl(server.BaseUri), Key) { RetryBaseDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(200) },
            logs);

    [Fact]
    public async Task A_45_day_canvas_range_is_four_requests_of_at_most_14_days_with_both_breakdowns_and_every_day_once()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 2);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        var canvas = workspace.Canvases[1];

        var result = await client.GetCanvasRangeAsync(canvas.Id, FortyFiveDays);

        var sent = server.Requests.Where(r => r.Path == "/canvas/data_series").ToList();
        Assert.Equal(4, sent.Count);
        Assert.Equal(new[] { 3, 14, 14, 14 }, sent.Select(r => int.Parse(r.Length ?? r.Parameter("length")!, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.All(sent, r =>
        {
            Assert.Equal(canvas.Id, r.Parameter("canvas_id"));
            Assert.Equal("true", r.Parameter("include_variant_breakdown"));
            Assert.Equal("true", r.Parameter("include_step_breakdown"));
            Assert.Null(r.Parameter("include_deleted_step_data"));
        });
        Assert.Equal(canvas.Id, result.CanvasId);
        Assert.Equal(canvas.Name, result.Name);
        Assert.Equal(FortyFiveDays.ToList(), result.Days.Select(d => d.Time).ToList());
        Assert.All(result.Days, d =>
        {
            Assert.Equal(canvas.Variants.Select(v => v.Id), d.VariantStats!.Keys);
            Assert.Equal(canvas.Steps.Select(s => s.Id), d.StepStats!.Keys);
        });
    }

    [Fact]
    public async Task Deleted_step_data_is_asked_for_and_returned_only_on_request()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 1);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        var canvas = workspace.Canvases[0];
        var days = new DateInterval(new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 20));

        var with = await client.GetCanvasRangeAsync(canvas.Id, days, includeDeletedSteps: true);

        Assert.All(server.Requests, r => Assert.Equal("true", r.Parameter("include_deleted_step_data")));
        Assert.All(with.Days, d => Assert.Contains(canvas.DeletedStep!.Id, d.StepStats!.Keys));
        var without = await client.GetCanvasRangeAsync(canvas.Id, days);
        Assert.All(without.Days, d => Assert.DoesNotContain(canvas.DeletedStep!.Id, d.StepStats!.Keys));
    }

    [Fact]
    public async Task The_summed_series_equals_the_data_summary_for_totals_variants_and_step_channels()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 1);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        var canvas = workspace.Canvases[0];
        var days = new DateInterval(new LocalDate(2026, 11, 3), new LocalDate(2026, 11, 16));

        var series = await client.GetCanvasRangeAsync(canvas.Id, days);
        var summary = (await client.GetCanvasSummaryAsync(canvas.Id, days)).Data!;

        Assert.Equal("/canvas/data_summary", server.Requests.Last().Path);
        Assert.Equal("true", server.Requests.Last().Parameter("include_step_breakdown"));
        Assert.Equal(summary.TotalStats!.Entries, series.Days.Sum(d => d.TotalStats!.Entries));
        Assert.Equal(summary.TotalStats.Conversions, series.Days.Sum(d => d.TotalStats!.Conversions));
        Assert.Equal(summary.TotalStats.Revenue!.Value, series.Days.Sum(d => d.TotalStats!.Revenue!.Value), 6);
        foreach (var (id, variant) in summary.VariantStats!)
        {
            Assert.Equal(variant.Entries, series.Days.Sum(d => d.VariantStats![id].Entries));
            Assert.Equal(variant.Conversions, series.Days.Sum(d => d.VariantStats![id].Conversions));
        }

        foreach (var (id, step) in summary.StepStats!)
        {
            Assert.Equal(step.Messages!.Email![0].Sent, series.Days.Sum(d => d.StepStats![id].Messages!.Email![0].Sent));
            Assert.Equal(step.Messages.Email[0].UniqueOpens, series.Days.Sum(d => d.StepStats![id].Messages!.Email![0].UniqueOpens));
        }
    }

    [Fact]
    public async Task A_summary_longer_than_14_days_is_refused_before_any_request()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 1);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetCanvasSummaryAsync(workspace.Canvases[0].Id, FortyFiveDays));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_canvas_chunk_answering_other_days_fails_the_integrity_check()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 1);
        await using var server = new FakeBrazeServer(workspace);
        // The server answers every request with the days one day earlier than asked.
        server.Handler = r =>
        {
            var query = r.Query.ToDictionary(p => p.Key, p => p.Key == "ending_at" ? DateTimeOffset.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture) : p.Value);
            return Task.FromResult(workspace.Respond(r with { Query = query }));
        };
        using var client = Client(server);

        var error = await Assert.ThrowsAsync<DataSeriesIntegrityException>(() => client.GetCanvasRangeAsync(workspace.Canvases[0].Id, FortyFiveDays));
        Assert.Equal(DataSeriesIntegrityProblem.DayOutsideRange, error.Problem);
        Assert.Contains("canvas_id=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Canvas_list_pages_until_a_short_page_and_details_name_variants_and_steps()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 150);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);

        var listed = await client.ListCanvasesAsync(includeArchived: true);
        var details = await client.GetCanvasDetailsAsync(workspace.Canvases[3].Id);

        Assert.Equal(workspace.Canvases.Select(c => c.Id), listed.Select(c => c.Id));
        Assert.Equal(new[] { "0", "1" }, server.Requests.Where(r => r.Path == "/canvas/list").Select(r => r.Parameter("page")));
        Assert.Equal(workspace.Canvases[3].Name, details.Name);
        Assert.Equal(workspace.Canvases[3].Variants.Select(v => v.Id), details.Variants!.Select(v => v.Id));
        Assert.Equal(workspace.Canvases[3].Steps.Select(s => s.Id), details.Steps!.Select(s => s.Id));
    }

    [Fact]
    public async Task An_unknown_canvas_is_a_bad_request_naming_the_canvas_and_never_the_key()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 1);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);

        var error = await Assert.ThrowsAsync<BrazeBadRequestException>(() => client.GetCanvasRangeAsync("no-such-canvas", FortyFiveDays));
        Assert.Contains("canvas_id=no-such-canvas", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TEST-canvas", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_series_reads_a_send_and_warns_when_the_range_is_older_than_14_days()
    {
        var workspace = FakeWorkspace.Create(3);
        await using var server = new FakeBrazeServer(workspace);
        var logs = new CapturingLoggerProvider();
        using var client = Client(server, logs);
        var today = LocalDate.FromDateTime(DateTime.UtcNow);
        var recent = new DateInterval(today.PlusDays(-7), today.PlusDays(-1));
        var old = new DateInterval(today.PlusDays(-30), today.PlusDays(-1));

        var days = await client.GetSendRangeAsync(workspace.Campaigns[0].Id, "send-1", recent);
        Assert.Equal(recent.ToList(), days.Days.Select(d => d.Time).ToList());
        Assert.Equal("send-1", server.Requests.Last().Parameter("send_id"));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("14 days", StringComparison.Ordinal));

        await client.GetSendRangeAsync(workspace.Campaigns[0].Id, "send-1", old);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("older than 14 days", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-11-22", "2026-12-05", "2026-12-06", null)]
    [InlineData("2026-11-21", "2026-12-05", "2026-12-06", "1 requested send day(s)")]
    [InlineData("2026-11-20", "2026-12-05", "2026-12-06", "2 requested send day(s)")]
    [InlineData("2026-10-01", "2026-10-10", "2026-12-06", "10 requested send day(s)")]
    public void Send_retention_warning_counts_the_days_older_than_14_days(string start, string end, string today, string? expected)
    {
        static LocalDate D(string s) => NodaTime.Text.LocalDatePattern.Iso.Parse(s).Value;
        var warning = DataSeriesClient.SendRetentionWarning(new DateInterval(D(start), D(end)), D(today));
        if (expected is null)
        {
            Assert.Null(warning);
        }
        else
        {
            Assert.StartsWith(expected, warning, StringComparison.Ordinal);
        }
    }
}
