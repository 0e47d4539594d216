using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CampaignAnalytics.Api;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;

namespace CampaignAnalytics.Tests.Api;

/// <summary>ListCampaignsAsync and GetCampaignDetailsAsync against the seeded fake workspace; conversion labels and the control id.</summary>
public class PortfolioClientTests
{
    private const string Key = "sk-TEST-portfolio-client-key";

    private static DataSeriesClient Client(FakeBrazeServer server) =>
        DataSeriesClient.Create(new DataSeriesClientOptions(BrazeInstance.FromUrl(server.BaseUri), Key)
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        });

    private static async Task<List<CampaignListItem>> All(IAsyncEnumerable<CampaignListItem> items)
    {
        var list = new List<CampaignListItem>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task Discovery_pages_until_a_short_page_and_leaves_archived_campaigns_out_unless_asked()
    {
        var workspace = FakeWorkspace.Create(250);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);

        var active = await All(client.ListCampaignsAsync());
        var expectedActive = workspace.Campaigns.Where(c => !c.Archived).Select(c => c.Id).ToList();
        Assert.Equal(expectedActive, active.Select(c => c.Id));
        Assert.Equal(workspace.Campaigns[0].Name, active[0].Name);
        Assert.Equal(3, server.Requests.Count(r => r.Path == "/campaigns/list")); // 215 active: 100 + 100 + 15

        var all = await All(client.ListCampaignsAsync(includeArchived: true));
        Assert.Equal(workspace.Campaigns.Select(c => c.Id), all.Select(c => c.Id));
        Assert.Contains(server.Requests, r => r.Parameter("include_archived") == "true" && r.Parameter("page") == "2");
    }

    [Fact]
    public async Task Edited_after_filters_by_last_edit_time()
    {
        var workspace = FakeWorkspace.Create(30);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        var cut = workspace.Campaigns[10].LastEdited;

        var edited = await All(client.ListCampaignsAsync(includeArchived: true, editedAfter: cut));

        Assert.Equal(workspace.Campaigns.Where(c => c.LastEdited > cut).Select(c => c.Id), edited.Select(c => c.Id));
        Assert.NotEmpty(edited);
        Assert.NotNull(server.Requests.Single(r => r.Path == "/campaigns/list").Parameter("last_edit.time[gt]"));
    }

    [Fact]
    public async Task Details_give_names_the_control_id_and_labelled_conversion_events_in_order()
    {
        var workspace = FakeWorkspace.Create(3);
        await using var server = new FakeBrazeServer(workspace);
        using var client = Client(server);
        var campaign = workspace.Campaigns[0];

        var details = await client.GetCampaignDetailsAsync(campaign.Id);

        Assert.Equal(campaign.Name, details.Name);
        Assert.Equal(campaign.Id + "-control", CampaignDetails.ControlVariationId(details));
        var events = CampaignDetails.ConversionEvents(details);
        Assert.Equal(new[] { "Purchase of \"Feline Body Armor\"", "Custom event \"Used app\"" }, events.Select(e => e.Label));
        Assert.Equal(new[] { "conversions", "conversions1" }, events.Select(e => e.Field));
        Assert.Equal(new[] { "conversions_by_send_time", "conversions1_by_send_time" }, events.Select(e => e.BySendTimeField));
        Assert.Equal(new[] { "A", "B" }, events.Select(e => e.Letter));
        Assert.Equal(server.Requests.Single().Bucket, FakeBucket.Shared);
    }

    [Fact]
    public async Task An_error_envelope_in_a_200_fails_like_the_series_quoting_Braze()
    {
        var workspace = FakeWorkspace.Create(3);
        await using var server = new FakeBrazeServer(workspace);
        server.AddFault(new FakeFault(FakeFaultKind.ErrorEnvelope) { Endpoint = "/campaigns/details" });
        using var client = Client(server);

        var error = await Assert.ThrowsAsync<BrazeErrorResponseException>(() => client.GetCampaignDetailsAsync(workspace.Campaigns[1].Id));
        Assert.True(error.IsRefusal);
        Assert.Contains("Invalid campaign_id", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
        Assert.Equal(FetchFailureCause.Rejected, CampaignFetchFailure.CauseOf(error));

        server.AddFault(new FakeFault(FakeFaultKind.ErrorEnvelope) { Endpoint = "/campaigns/list" });
        await Assert.ThrowsAsync<BrazeErrorResponseException>(() => All(client.ListCampaignsAsync()));
    }

    [Theory]
    [InlineData("Clicks Email", null, null, "Clicks email")]
    [InlineData("Opens Email", null, null, "Opens email")]
    [InlineData("Makes Any Purchase", null, null, "Any purchase")]
    [InlineData("Makes Specific Purchase", "Feline Body Armor", null, "Purchase of \"Feline Body Armor\"")]
    [InlineData("Performs Custom Event", null, "Used app", "Custom event \"Used app\"")]
    [InlineData("Upgrades App", null, null, "Upgrades app")]
    [InlineData("Starts Session", null, null, "Starts session")]
    [InlineData("Views Landing Page", null, null, "Views Landing Page")]
    public void Every_conversion_behaviour_type_of_the_spec_has_a_label_and_an_unknown_one_its_type_text(string type, string? product, string? customEvent, string label)
    {
        var json = "{\"message\":\"success\",\"conversion_behaviors\":[{\"type\":\"Clicks Email\",\"window\":60},{\"type\":" + Quote(type) + ",\"window\":60"
            + (product is null ? string.Empty : ",\"product\":" + Quote(product))
            + (customEvent is null ? string.Empty : ",\"custom_event_name\":" + Quote(customEvent)) + "}],"
            + "\"messages\":{\"v1\":{\"channel\":\"email\",\"name\":\"A\"},\"c1\":{\"channel\":\"email\",\"name\":\"Control\",\"type\":\"control\"}}}";
        var details = CampaignDetailsResponse.Parse(json);

        var events = CampaignDetails.ConversionEvents(details);

        Assert.Equal(label, events[1].Label);
        Assert.Equal("conversions1", events[1].Field);
        Assert.Same(events[1], CampaignDetails.EventOf(events, "conversions1_by_send_time"));
        Assert.Null(CampaignDetails.EventOf(events, "conversions2"));
        Assert.Equal("c1", CampaignDetails.ControlVariationId(details));
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    [Theory]
    [InlineData("/campaigns/list")]
    [InlineData("/campaigns/details")]
    [InlineData("/canvas/list")]
    [InlineData("/canvas/details")]
    public async Task A_malformed_list_or_details_body_names_its_endpoint_not_a_data_series(string endpoint)
    {
        var workspace = FakeWorkspace.Create(1, canvases: 1);
        await using var server = new FakeBrazeServer(workspace);
        server.AddFault(new FakeFault(FakeFaultKind.MalformedBody) { Endpoint = endpoint });
        using var client = Client(server);

        Task Call() => endpoint switch
        {
            "/campaigns/list" => All(client.ListCampaignsAsync()),
            "/campaigns/details" => client.GetCampaignDetailsAsync(workspace.Campaigns[0].Id),
            "/canvas/list" => client.ListCanvasesAsync(),
            _ => client.GetCanvasDetailsAsync(workspace.Canvases[0].Id),
        };

        var ex = await Assert.ThrowsAsync<DataSeriesFormatException>(Call);
        Assert.StartsWith($"Braze returned a malformed {endpoint} response for ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("data series", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
    }
}
