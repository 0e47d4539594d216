using System;
using System.IO;
using System.Linq;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Rates;

namespace CampaignAnalytics.Tests.Frames;

/// <summary>A data set with campaign names and conversion events: the long frame's extra columns and rate rows' events.</summary>
public class CampaignLabelsTests
{
    private static CampaignDataSet SpringSale() =>
        CampaignDataSet.Create(
            CampaignDataSeriesCatalogue.Instance,
            "spring-sale",
            CampaignDataSeriesResponse.Parse(File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "notebooks", "data", "spring-sale.json"))));

    private static CampaignLabels Labels() => CampaignLabels.FromDetails("spring-sale", CampaignDetailsResponse.Parse(
        "{\"message\":\"success\",\"name\":\"Spring sale\",\"conversion_behaviors\":[{\"type\":\"Makes Specific Purchase\",\"window\":60,\"product\":\"Feline Body Armor\"},{\"type\":\"Performs Custom Event\",\"window\":60,\"custom_event_name\":\"Used app\"}]}"));

    [Fact]
    public void Without_labels_the_long_frame_keeps_its_seven_columns_and_rows_name_no_event()
    {
        var data = SpringSale();
        Assert.Equal(7, data.ToLongFrame().Columns.Count);
        Assert.Null(data.CampaignName("spring-sale"));
        Assert.All(CampaignRates.Compute(data), r => Assert.Null(r.ConversionEvent));
    }

    [Fact]
    public void With_labels_the_long_frame_adds_campaign_name_and_conversion_event_last_and_rates_name_their_event()
    {
        var data = SpringSale().WithLabels(new[] { Labels() });

        var frame = data.ToLongFrame();
        Assert.Equal(new[] { "campaign_id", "date", "channel", "variation_api_id", "variation_name", "metric", "value", "campaign_name", "conversion_event" }, frame.Columns.Select(c => c.Name));
        var metric = frame.Columns["metric"];
        var events = frame.Columns["conversion_event"];
        for (long i = 0; i < frame.Rows.Count; i++)
        {
            Assert.Equal("Spring sale", frame.Columns["campaign_name"][i]);
            var expected = (string)metric[i] switch
            {
                "conversions" or "conversions_by_send_time" => "Purchase of \"Feline Body Armor\"",
                "conversions1" or "conversions1_by_send_time" => "Custom event \"Used app\"",
                _ => null,
            };
            Assert.Equal(expected, events[i]);
        }

        var rows = CampaignRates.Compute(data);
        Assert.All(rows.Where(r => r.Rate == "ConversionRate"), r => Assert.Equal("Purchase of \"Feline Body Armor\"", r.ConversionEvent));
        Assert.All(rows.Where(r => r.Rate == "UniqueClickRate"), r => Assert.Null(r.ConversionEvent));
        Assert.Contains(rows, r => r.Rate == "ConversionRate");
    }
}
