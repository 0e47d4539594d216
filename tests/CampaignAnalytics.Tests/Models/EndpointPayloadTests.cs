using System;
using System.Buffers;
using System.Linq;
using System.Text.Json;
using CampaignAnalytics.Models;
using CampaignAnalytics.Serialization;
using NodaTime;

namespace CampaignAnalytics.Tests.Models;

/// <summary>
/// The models of the endpoints beside the campaign series (Payloads/Endpoints: realistic responses with the spec page's
/// fields and some it does not list), read by both generated readers, written back byte for byte.
/// </summary>
public class EndpointPayloadTests
{
    private static byte[] Bytes(string name) => TestPaths.PayloadBytes("Endpoints/" + name);

    /// <summary>The fixture without its white space, as the writer writes it (fixtures list declared fields in schema order, unknown ones last).</summary>
    private static string Compact(string name)
    {
        using var document = JsonDocument.Parse(Bytes(name));
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ModelWriting.RelaxedEncoder }))
        {
            document.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Theory]
    [InlineData("campaigns-list.json")]
    [InlineData("campaign-details.json")]
    [InlineData("canvas-list.json")]
    [InlineData("canvas-details.json")]
    [InlineData("canvas-data-series.json")]
    [InlineData("canvas-data-summary.json")]
    [InlineData("sends-data-series.json")]
    public void Every_endpoint_payload_round_trips_byte_stable_through_both_readers(string name)
    {
        var bytes = Bytes(name);
        var (fast, full) = name switch
        {
            "campaigns-list.json" => Both<CampaignListResponse>(bytes),
            "campaign-details.json" => Both<CampaignDetailsResponse>(bytes),
            "canvas-list.json" => Both<CanvasListResponse>(bytes),
            "canvas-details.json" => Both<CanvasDetailsResponse>(bytes),
            "canvas-data-series.json" => Both<CanvasDataSeriesResponse>(bytes),
            "canvas-data-summary.json" => Both<CanvasDataSummaryResponse>(bytes),
            _ => Both<SendsDataSeriesResponse>(bytes),
        };

        Assert.Equal(fast, full);
        Assert.Equal(fast.GetHashCode(), full.GetHashCode());
        Assert.Equal(Compact(name), fast.Json);
        Assert.Equal(fast.Json, full.Json);
    }

    private static (Outcome Fast, Outcome Full) Both<T>(byte[] bytes)
        where T : class, IGeneratedModel<T>
    {
        var fast = ModelReading.Parse<T>(bytes);
        var full = ModelReading.ParseWithReader<T>(bytes);
        return (new Outcome(fast, ModelWriting.ToJson(fast, indented: false)), new Outcome(full, ModelWriting.ToJson(full, indented: false)));
    }

    private sealed record Outcome(object Model, string Json);

    [Fact]
    public void Campaign_details_name_the_variations_the_control_and_the_conversion_events_in_order()
    {
        var details = CampaignDetailsResponse.Parse(Bytes("campaign-details.json"));
        Assert.Equal("Spring sale: feline body armor", details.Name);
        Assert.True(details.Enabled);
        Assert.Equal(new[] { "email", "ios_push" }, details.Channels);
        Assert.Equal(new[] { "9a1b7c3e-0001-4e2f-8d11-2f6c1b0a9e01", "9a1b7c3e-0002-4e2f-8d11-2f6c1b0a9e02", "9a1b7c3e-0003-4e2f-8d11-2f6c1b0a9e03" }, details.Messages!.Keys);
        Assert.Equal("control", details.Messages["9a1b7c3e-0003-4e2f-8d11-2f6c1b0a9e03"].Type);
        Assert.Null(details.Messages["9a1b7c3e-0001-4e2f-8d11-2f6c1b0a9e01"].Type);
        Assert.Equal(new[] { "subject", "body", "from", "reply_to", "title", "extras" }, details.Messages["9a1b7c3e-0001-4e2f-8d11-2f6c1b0a9e01"].UnknownFields.Select(f => f.Name));

        var behaviors = details.ConversionBehaviors!;
        Assert.Equal(new[] { "Makes Specific Purchase", "Performs Custom Event", "Starts Session", "Clicks Email" }, behaviors.Select(b => b.Type));
        Assert.Equal("Feline Body Armor", behaviors[0].Product);
        Assert.Equal(259200, behaviors[0].Window);
        Assert.Equal("Used app", behaviors[1].CustomEventName);
        Assert.Equal(new[] { "app-ios", "app-android" }, behaviors[2].AppIds);
        Assert.Equal("team_name", details.UnknownFields.Single().Name);
    }

    [Fact]
    public void Lists_page_campaigns_and_canvases_and_keep_unknown_fields()
    {
        var campaigns = CampaignListResponse.Parse(Bytes("campaigns-list.json")).Campaigns!;
        Assert.Equal(2, campaigns.Count);
        Assert.True(campaigns[1].IsApiCampaign);
        Assert.Equal(new[] { "promo", "cats" }, campaigns[0].Tags);
        Assert.Empty(campaigns[1].Tags!);
        Assert.Equal("2026-10-02T14:31:07+00:00", campaigns[0].LastEdited);
        Assert.Equal("archived_by", campaigns[1].UnknownFields.Single().Name);

        var canvases = CanvasListResponse.Parse(Bytes("canvas-list.json")).Canvases!;
        Assert.Equal("Win-back", canvases[1].Name);
        Assert.Equal("\"crm\"", canvases[1].UnknownFields.Single().Json);
    }

    [Fact]
    public void Canvas_details_give_variants_steps_and_their_links()
    {
        var details = CanvasDetailsResponse.Parse(Bytes("canvas-details.json"));
        Assert.Equal(new[] { "var-1", "var-2", "var-control" }, details.Variants!.Select(v => v.Id));
        Assert.Equal(new[] { "step-welcome" }, details.Variants![0].FirstStepIds!);
        Assert.Equal("step-welcome-b", details.Variants[1].FirstStepId);
        var split = details.Steps!.Single(s => s.Type == "experiment_paths");
        Assert.Equal(new[] { "step-push", "step-iam" }, split.NextStepIds);
        Assert.Equal(new[] { ("Path 1", "step-push"), ("Path 2", "step-iam") }, split.NextPaths!.Select(p => (p.Name!, p.NextStepId!)));
        Assert.Null(split.Messages);
        var push = details.Steps!.Single(s => s.Id == "step-push");
        Assert.Equal("ios_push", push.Messages!["msg-push"].Channel);
        Assert.Equal("alert", push.Messages["msg-push"].UnknownFields.Single().Name);
    }

    [Fact]
    public void Canvas_series_keys_breakdowns_by_id_in_document_order_with_the_campaign_channel_shapes()
    {
        var series = CanvasDataSeriesResponse.Parse(Bytes("canvas-data-series.json")).Data!;
        Assert.Equal("Onboarding journey", series.Name);
        var day = series.Stats![0];
        Assert.Equal(new LocalDate(2026, 10, 1), day.Time);
        Assert.Equal(1200, day.TotalStats!.Entries);
        Assert.Equal(new[] { "var-1", "var-2", "var-control" }, day.VariantStats!.Keys);
        Assert.Equal("Control", day.VariantStats["var-control"].Name);
        Assert.Equal(new[] { "step-welcome", "step-push", "step-iam" }, day.StepStats!.Keys);

        // A step's messages are the campaign series' very types: its channel rates come from the campaign catalogue.
        EmailVariation email = day.StepStats["step-welcome"].Messages!.Email!.Single();
        var uniqueOpenRate = CampaignDataSeriesCatalogue.EmailChannel.Rates.Single(r => r.Name == "UniqueOpenRate");
        Assert.Equal(250.0 / 535, uniqueOpenRate.Evaluate(email));
        Assert.Equal("line", day.StepStats["step-push"].Messages!.UnknownChannels.Single().Name);
        Assert.Equal("deleted", day.StepStats["step-iam"].UnknownFields.Single().Name);

        // The second day has no breakdowns (requested without include_*_breakdown): null, not empty.
        Assert.Null(series.Stats[1].VariantStats);
        Assert.Null(series.Stats[1].StepStats);
    }

    [Fact]
    public void Canvas_conversion_rate_is_conversions_per_entry_on_totals_and_variants_from_the_schema()
    {
        var day = CanvasDataSeriesResponse.Parse(Bytes("canvas-data-series.json")).Data!.Stats![0];
        var total = CanvasDataSeriesCatalogue.CanvasTotalStatsRates.Single();
        Assert.Equal("ConversionRate", total.Name);
        Assert.Equal(("conversions", "entries"), (total.Numerator.Name, total.Denominator.Name));
        Assert.Equal(41.0 / 1200, total.Evaluate(day.TotalStats!));

        var variant = CanvasDataSeriesCatalogue.CanvasVariantStatsRates.Single();
        Assert.Equal(24.0 / 540, variant.Evaluate(day.VariantStats!["var-1"]));
        Assert.Equal(0.0, variant.Evaluate(day.VariantStats["var-control"]));
        Assert.Null(variant.Evaluate(day.VariantStats["var-control"] with { Entries = 0 }));
        Assert.Equal(new[] { "revenue", "conversions", "conversions_by_entry_time", "entries" }, CanvasDataSeriesCatalogue.CanvasVariantStatsMetrics.Select(m => m.Name));
    }

    [Fact]
    public void Summary_and_sends_reuse_the_series_types()
    {
        var summary = CanvasDataSummaryResponse.Parse(Bytes("canvas-data-summary.json")).Data!;
        CanvasVariantStats control = summary.VariantStats!["var-control"];
        Assert.Equal(120, control.Entries);
        Assert.Equal(535, summary.StepStats!["step-welcome"].Messages!.Email!.Single().Delivered);

        var sends = SendsDataSeriesResponse.Parse(Bytes("sends-data-series.json"));
        DailyDataPoint day = sends.Data!.Single();
        Assert.Equal("Shipping notice", day.Messages!.Email!.Single().VariationName);

        // A send's days are the campaign series' days: the campaign catalogue makes a series of them.
        var response = CampaignDataSeriesCatalogue.Instance.CreateMergedResponse(sends.Data!.ToArray());
        Assert.Equal(new LocalDate(2026, 12, 1), response.Data!.Single().Time);
    }

    [Theory]
    [InlineData("{\"message\":\"success\",\"data\":{\"stats\":[{\"time\":\"2026-10-01\",\"variant_stats\":{\"v1\":{\"entries\":1},\"v1\":{\"entries\":2}}}]}}", "$.data.stats[0].variant_stats.v1")]
    [InlineData("{\"message\":\"success\",\"data\":{\"stats\":[{\"time\":\"2026-10-01\",\"step_stats\":{\"s1\":{},\"s2\":{},\"s1\":{}}}]}}", "$.data.stats[0].step_stats.s1")]
    public void A_repeated_map_key_is_a_located_error_from_both_readers(string json, string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        foreach (var read in new Func<CanvasDataSeriesResponse>[] { () => CanvasDataSeriesResponse.Parse(bytes), () => CanvasDataSeriesResponse.ParseWithReader(bytes) })
        {
            var e = Assert.Throws<CampaignJsonException>(() => read());
            Assert.Equal(path, e.JsonPath);
            Assert.StartsWith("duplicate property \"", e.Problem, StringComparison.Ordinal);
            Assert.Equal(1, e.Line);
        }
    }

    [Fact]
    public void A_repeated_message_variation_id_in_details_is_refused()
    {
        var json = "{\"message\":\"success\",\"messages\":{\"m1\":{\"channel\":\"email\"},\"m1\":{\"channel\":\"email\",\"type\":\"control\"}}}";
        var e = Assert.Throws<CampaignJsonException>(() => CampaignDetailsResponse.Parse(json));
        Assert.Equal("$.messages.m1", e.JsonPath);
        Assert.Equal("duplicate property \"m1\"", e.Problem);
    }
}
