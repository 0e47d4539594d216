using System.Linq;
using System.Text;
using System.Text.Json;
using CampaignAnalytics.Models;

namespace CampaignAnalytics.Tests.Models;

public class RoundTripPropertyTests
{
    [Fact]
    public void Random_models_survive_json_and_back_unknowns_included()
    {
        var payloads = new RandomPayloads(seed: 20261129, CampaignDataSeriesCatalogue.Instance);
        var sawUnknownChannel = false;
        var sawUnknownField = false;
        for (var i = 0; i < 400; i++)
        {
            var json = payloads.Response();
            var model = CampaignDataSeriesResponse.Parse(json);
            var written = model.ToJson();
            var again = CampaignDataSeriesResponse.Parse(written);
            Assert.Equal(model, again);
            Assert.Equal(model.GetHashCode(), again.GetHashCode());
            Assert.Equal(written, again.ToJson());

            using var a = JsonDocument.Parse(json);
            using var b = JsonDocument.Parse(written);
            Assert.True(JsonElement.DeepEquals(a.RootElement, b.RootElement), "data differs after a round trip:\n" + Encoding.UTF8.GetString(json) + "\n" + written);

            var days = model.Data ?? new System.Collections.Generic.List<DailyDataPoint>();
            sawUnknownChannel |= days.Any(d => d.Messages?.UnknownChannels.Count > 0);
            sawUnknownField |= days.Any(d => d.UnknownFields.Count > 0);
        }

        Assert.True(sawUnknownChannel && sawUnknownField, "the generator of random payloads should exercise unknown channels and fields");
    }

    [Fact]
    public void Equality_is_by_value_and_notices_any_difference()
    {
        var json = new RandomPayloads(7, CampaignDataSeriesCatalogue.Instance).Response(maxDays: 3);
        var model = CampaignDataSeriesResponse.Parse(json);
        Assert.Equal(model, CampaignDataSeriesResponse.Parse(json));
        Assert.NotEqual(model, model with { Message = "other" });
        var email = new EmailVariation { Sent = 1 };
        Assert.Equal(email, new EmailVariation { Sent = 1 });
        Assert.NotEqual(email, new EmailVariation { Sent = 0 });
        Assert.NotEqual(email, new EmailVariation()); // absent and zero stay different
        Assert.NotEqual(new EmailVariation(), new EmailVariation { UnknownFields = new[] { new CampaignAnalytics.Serialization.RawJsonProperty("x", "1") } });
    }
}
