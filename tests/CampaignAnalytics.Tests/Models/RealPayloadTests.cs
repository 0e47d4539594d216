using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CampaignAnalytics.Models;
using NodaTime;

namespace CampaignAnalytics.Tests.Models;

public class RealPayloadTests
{
    private static CampaignDataSeriesResponse Load(string name) => CampaignDataSeriesResponse.Parse(TestPaths.PayloadBytes(name));

    [Fact]
    public void Parses_a_multichannel_payload_with_every_real_world_extra()
    {
        var response = Load("multichannel-real.json");
        Assert.Equal("success", response.Message);
        Assert.Equal(2, response.Data!.Count);
        var day = response.Data[0];
        Assert.Equal(new LocalDate(2025, 6, 19), day.Time);
        Assert.Equal(42, day.Conversions);
        Assert.Null(day.Conversions2);
        Assert.Equal(1234.5, day.Revenue);

        var email = day.Messages!.Email!;
        Assert.Equal(3, email.Count);
        Assert.Equal(120, email[0].MachineOpen);
        Assert.Equal(4, email[0].MachineAmpOpen);
        var control = email[2];
        Assert.Equal("Control Group", control.VariationName);
        Assert.Null(control.Sent);
        Assert.Equal(160, control.Enrolled);
        Assert.Equal(2, control.Conversions);

        var push = day.Messages.IosPush!.Single();
        Assert.Equal(5, push.CarouselSlideClicks!["carousel_slide_1_Summer_click"]);
        Assert.Equal(3, push.CarouselSlideClicks["carousel_slide_2_Winter_click"]);
        Assert.Equal(8, push.NotificationButtonClicks!["notif_button_1_Buy_click"]);
        Assert.Empty(push.UnknownFields);
        Assert.Equal(270, day.Messages.AndroidPush!.Single().Delivered);

        Assert.NotNull(day.Messages.Sms);
        Assert.Empty(day.Messages.Sms!);
        Assert.Null(day.Messages.Email![0].UnknownFields.FirstOrDefault());
        Assert.Null(day.Messages.WhatsApp);

        var line = Assert.Single(day.Messages.UnknownChannels);
        Assert.Equal("line", line.Name);
        Assert.Equal("[{\"variation_api_id\":\"8a4b-line\",\"sent\":12,\"read\":9}]", line.Json);
        var hookExtra = Assert.Single(day.Messages.Webhook!.Single().UnknownFields);
        Assert.Equal("latency_p99_ms", hookExtra.Name);
        Assert.Equal("812.5", hookExtra.Json);
        var dayExtra = Assert.Single(day.UnknownFields);
        Assert.Equal("{\"nested\":[1,2,{\"x\":\"é\"}]}", dayExtra.Json);

        var empty = response.Data[1];
        Assert.NotNull(empty.Messages);
        Assert.Null(empty.Messages!.Email);
    }

    [Fact]
    public void Parses_a_multivariate_in_app_payload_with_a_control_element()
    {
        var response = Load("multivariate-iam.json");
        var elements = response.Data!.Single().Messages!.TriggerInAppMessage!;
        Assert.Equal(new[] { "Variant 1", "Variant 2", "Control Group" }, elements.Select(e => e.VariationName));
        Assert.Null(elements[2].Impressions);
        Assert.Equal(200, elements[2].Enrolled);
        Assert.Null(elements[0].VariationApiId);
    }

    [Fact]
    public void Both_in_app_channels_share_one_shape_and_keep_their_keys_and_names()
    {
        var inApp = CampaignDataSeriesCatalogue.InAppMessageChannel;
        var triggered = CampaignDataSeriesCatalogue.TriggerInAppMessageChannel;
        Assert.Equal(typeof(InAppMessageVariation), inApp.VariationType);
        Assert.Equal(typeof(InAppMessageVariation), triggered.VariationType);
        Assert.Equal(("in_app_message", "In-app message"), (inApp.Key, inApp.DisplayName));
        Assert.Equal(("trigger_in_app_message", "Triggered in-app message"), (triggered.Key, triggered.DisplayName));
        Assert.Equal(inApp.Rates.Select(r => r.Name), triggered.Rates.Select(r => r.Name));
        IReadOnlyList<InAppMessageVariation>? elements = Load("multivariate-iam.json").Data!.Single().Messages!.TriggerInAppMessage;
        Assert.Equal(3, elements!.Count);
    }

    [Theory]
    [InlineData("multichannel-real.json")]
    [InlineData("multivariate-iam.json")]
    public void Writing_back_gives_the_same_data(string name)
    {
        var response = Load(name);
        var json = response.ToJson();
        var again = CampaignDataSeriesResponse.Parse(json);
        Assert.Equal(response, again);
        Assert.Equal(json, again.ToJson());

        // Same data as the input, compared as JSON trees (key order aside).
        using var original = JsonDocument.Parse(TestPaths.PayloadBytes(name));
        using var written = JsonDocument.Parse(json);
        Assert.True(JsonElement.DeepEquals(original.RootElement, written.RootElement));
    }

    [Fact]
    public void JsonSerializer_uses_the_generated_converter()
    {
        var bytes = TestPaths.PayloadBytes("multichannel-real.json");
        var viaSerializer = JsonSerializer.Deserialize<CampaignDataSeriesResponse>(bytes)!;
        Assert.Equal(CampaignDataSeriesResponse.Parse(bytes), viaSerializer);
        Assert.Equal(viaSerializer.ToJson(), JsonSerializer.Serialize(viaSerializer));
    }

    [Fact]
    public void Catalogue_reads_metrics_and_rates_without_reflection()
    {
        var catalogue = CampaignDataSeriesCatalogue.Instance;
        var response = catalogue.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json"));
        var day = response.Data![0];
        var email = catalogue.FindChannel("email")!;
        var variations = email.GetVariations(day);
        Assert.Equal(750, email.FindMetric("delivered")!.GetCount(variations[0]));
        Assert.Equal(80.0 / 750, email.FindRate("UniqueClickRate")!.Evaluate(variations[0]));
        Assert.Null(email.FindRate("UniqueClickRate")!.Evaluate(variations[2]));
        Assert.Equal(2.0 / 160, email.FindRate("ConversionRate")!.Evaluate(variations[2]));

        var ios = catalogue.FindChannel("ios_push")!;
        var deliveries = ios.FindMetric("deliveries")!;
        Assert.True(deliveries.IsDerived);
        Assert.Equal(296, deliveries.GetCount(ios.GetVariations(day)[0])); // sent - bounces
        var android = catalogue.FindChannel("android_push")!;
        Assert.Equal(270, deliveries.GetCount(android.GetVariations(day)[0])); // delivered wins
        Assert.Equal(8, ios.DynamicMetrics.Single(g => g.PropertyName == "NotificationButtonClicks").Get(ios.GetVariations(day)[0])["notif_button_1_Buy_click"]);

        Assert.Equal(
            new[] { "ios_push", "android_push", "kindle_push", "web_push", "webhook", "email", "sms", "whats_app", "content_cards", "in_app_message", "trigger_in_app_message" },
            catalogue.Channels.Select(c => c.Key));
        Assert.True(catalogue.FindChannel("sms")!.IsPresent(day));
        Assert.False(catalogue.FindChannel("whats_app")!.IsPresent(day));
        Assert.Contains(catalogue.DailyMetrics, m => m.Name == "unique_recipients");
    }
}
