using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;

namespace CampaignAnalytics.Tests.Api;

/// <summary>The fake workspace answers as PORTFOLIO-ENDPOINTS.md says, and records what it was sent.</summary>
public class FakeBrazeServerTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Get(FakeBrazeServer server, string relative)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(server.BaseUri, relative));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    [Fact]
    public async Task Lists_page_by_100_filter_archived_and_edits_and_sort()
    {
        var workspace = FakeWorkspace.Create(250);
        await using var server = new FakeBrazeServer(workspace);
        var active = workspace.Campaigns.Count(c => !c.Archived);

        var pages = new[] { 0, 1, 2 }.Select(p => Get(server, $"campaigns/list?page={p}").Result.Body.GetProperty("campaigns").GetArrayLength()).ToList();
        Assert.Equal(new[] { 100, 100, active - 200 }, pages);
        var all = await Get(server, "campaigns/list?page=2&include_archived=true");
        Assert.Equal(50, all.Body.GetProperty("campaigns").GetArrayLength());
        var desc = await Get(server, "campaigns/list?sort_direction=desc&include_archived=true");
        Assert.Equal(workspace.Campaigns[^1].Id, desc.Body.GetProperty("campaigns")[0].GetProperty("id").GetString());
        var since = workspace.Campaigns[200].LastEdited.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var edited = await Get(server, "campaigns/list?include_archived=true&last_edit.time%5Bgt%5D=" + Uri.EscapeDataString(since));
        Assert.All(edited.Body.GetProperty("campaigns").EnumerateArray(), c => Assert.True(DateTimeOffset.Parse(c.GetProperty("last_edited").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > workspace.Campaigns[200].LastEdited));
        Assert.Equal("true", server.Requests.Last().Parameter("include_archived"));
        Assert.All(server.Requests, r => Assert.Equal(FakeBucket.Shared, r.Bucket));
    }

    [Fact]
    public async Task Details_name_the_control_and_the_conversion_behaviours_in_order()
    {
        var workspace = FakeWorkspace.Create(2);
        await using var server = new FakeBrazeServer(workspace);
        var c = workspace.Campaigns[0];

        var details = (await Get(server, "campaigns/details?campaign_id=" + c.Id)).Body;

        Assert.Equal(c.Name, details.GetProperty("name").GetString());
        Assert.Equal("control", details.GetProperty("messages").GetProperty(c.Id + "-control").GetProperty("type").GetString());
        Assert.Equal(c.ConversionBehaviors.Select(b => b.Type), details.GetProperty("conversion_behaviors").EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        // As Braze: an unknown campaign's details are a 200 with the error envelope and no campaign fields.
        var unknown = await Get(server, "campaigns/details?campaign_id=nope");
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Equal("Invalid campaign_id", unknown.Body.GetProperty("message").GetString());
        Assert.False(unknown.Body.TryGetProperty("name", out _));
    }

    [Fact]
    public async Task The_data_series_is_the_schema_s_shape_and_carries_the_bucket_s_headers()
    {
        var workspace = FakeWorkspace.Create(3);
        await using var server = new FakeBrazeServer(workspace);
        var id = workspace.Campaigns[2].Id; // email and android_push

        var (status, body, response) = await Get(server, $"campaigns/data_series?campaign_id={id}&length=30&ending_at=2026-11-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, status);
        var parsed = CampaignDataSeriesResponse.Parse(System.Text.Encoding.UTF8.GetBytes(body.GetRawText()));
        var data = CampaignDataSet.Create(CampaignDataSeriesCatalogue.Instance, id, parsed);
        Assert.Equal(30, parsed.Data!.Count);
        Assert.Equal(new NodaTime.LocalDate(2026, 10, 31), parsed.Data[^1].Time);
        Assert.NotNull(data);
        Assert.Equal("50000", response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("49999", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(FakeBucket.DataSeries, server.Requests.Single().Bucket);
        Assert.Equal(50_000, server.Requests.Single().RemainingAtSend);
    }

    [Fact]
    public async Task Canvas_series_serves_breakdowns_only_when_asked_and_at_most_14_days()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 2);
        await using var server = new FakeBrazeServer(workspace);
        var id = workspace.Canvases[0].Id;
        const string End = "&ending_at=2026-11-01T00:00:00Z";

        var plain = (await Get(server, $"canvas/data_series?canvas_id={id}&length=14{End}")).Body.GetProperty("data").GetProperty("stats");
        Assert.Equal(14, plain.GetArrayLength());
        Assert.False(plain[0].TryGetProperty("variant_stats", out _));
        Assert.False(plain[0].TryGetProperty("step_stats", out _));

        var full = (await Get(server, $"canvas/data_series?canvas_id={id}&length=2&include_variant_breakdown=true&include_step_breakdown=true&include_deleted_step_data=true{End}")).Body;
        var day = full.GetProperty("data").GetProperty("stats")[0];
        Assert.Equal(2, day.GetProperty("variant_stats").EnumerateObject().Count());
        Assert.Equal(4, day.GetProperty("step_stats").EnumerateObject().Count()); // three steps and the deleted one
        Assert.Equal("true", server.Requests.Last().Parameter("include_step_breakdown"));

        Assert.Equal(HttpStatusCode.BadRequest, (await Get(server, $"canvas/data_series?canvas_id={id}&length=15{End}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(server, $"canvas/data_series?canvas_id={id}&length=3")).Status);
        var summary = (await Get(server, $"canvas/data_summary?canvas_id={id}&length=7&include_variant_breakdown=true{End}")).Body.GetProperty("data");
        Assert.True(summary.GetProperty("total_stats").GetProperty("entries").GetInt64() > 0);
        Assert.Equal(2, summary.GetProperty("variant_stats").EnumerateObject().Count());
        var sends = (await Get(server, $"sends/data_series?campaign_id=x&send_id=s&length=3")).Status;
        Assert.Equal(HttpStatusCode.BadRequest, sends);
    }

    [Fact]
    public async Task A_used_up_bucket_answers_429_and_records_remaining_0_and_faults_apply_per_id()
    {
        var workspace = FakeWorkspace.Create(2);
        await using var server = new FakeBrazeServer(workspace, new FakeBrazeOptions { SharedLimit = new FakeRateLimit(2, TimeSpan.FromHours(1)) });
        var a = workspace.Campaigns[0].Id;
        var envelope = server.AddFault(new FakeFault(FakeFaultKind.ErrorEnvelope) { Endpoint = "/campaigns/data_series", Id = a, Times = 1 });

        var first = await Get(server, $"campaigns/data_series?campaign_id={a}&length=1");
        var second = await Get(server, $"campaigns/data_series?campaign_id={a}&length=1");
        Assert.Equal("Invalid campaign_id", first.Body.GetProperty("message").GetString());
        Assert.Equal("success", second.Body.GetProperty("message").GetString());
        Assert.Equal(1, envelope.Used);

        Assert.Equal(HttpStatusCode.OK, (await Get(server, "campaigns/details?campaign_id=" + a)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Get(server, "campaigns/details?campaign_id=" + a)).Status);
        var refused = await Get(server, "campaigns/details?campaign_id=" + a);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("0", refused.Response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Single(server.SentWhileExhausted);
        Assert.Equal(0, server.SentWhileExhausted[0].RemainingAtSend);
    }
}
