using System;
using System.Linq;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Models;
using CampaignAnalytics.Statistics;
using NodaTime;

namespace CampaignAnalytics.Tests.Comparison;

public class ChannelComparisonTests
{
    private static readonly CampaignDataSeriesCatalogue Catalogue = CampaignDataSeriesCatalogue.Instance;

    // Two days whose sums are STATS.md's 250/10000 (variant) vs 200/10000 (control).
    private const string TwoDays = """
        {"message":"success","data":[
          {"time":"2025-01-01","messages":{"email":[
            {"variation_api_id":"v-a","variation_name":"A","sent":6000,"delivered":5900,"unique_clicks":300,"unique_recipients":6000,"conversions":150},
            {"variation_api_id":"v-c","variation_name":"Control Group","enrolled":6000,"unique_recipients":6000,"conversions":120}]}},
          {"time":"2025-01-02","messages":{"email":[
            {"variation_api_id":"v-a","variation_name":"A","sent":4000,"delivered":3950,"unique_clicks":100,"unique_recipients":4000,"conversions":100},
            {"variation_api_id":"v-c","variation_name":"Control Group","enrolled":4000,"unique_recipients":4000,"conversions":80}]}},
          {"time":"2025-01-03","messages":{"email":[
            {"variation_api_id":"v-a","variation_name":"A","sent":1,"unique_recipients":1,"conversions":1}]}}
        ]}
        """;

    [Fact]
    public void Sums_over_the_window_then_tests_against_the_control_group()
    {
        var response = CampaignDataSeriesResponse.Parse(TwoDays);
        var window = new DateInterval(new LocalDate(2025, 1, 1), new LocalDate(2025, 1, 2));
        var result = ChannelComparison.Compare(Catalogue, response, "email", new ChannelComparisonOptions { Window = window });

        Assert.Equal("ConversionRate", result.Rate.Name);
        Assert.Equal(2, result.DaysCounted);
        Assert.Equal(window, result.Window);
        Assert.Equal("v-c", result.Control!.Key);
        Assert.True(result.Control.IsControlGroup);
        var variant = result.Result.Rows[0];
        Assert.Equal((10000L, 250L), (variant.Trials, variant.Successes));
        Assert.Equal(2.3839951328405053, variant.ZStatistic!.Value, 12);
        Assert.Equal(0.01712582887219501, variant.PValue!.Value, 14);
        Assert.Equal(0.9914227751234097, variant.ProbabilityToBeatControl!.Value, 9);
        Assert.Null(result.Result.Rows[1].PValue);
    }

    [Fact]
    public void Any_rate_the_schema_declares_can_be_compared_and_the_baseline_chosen()
    {
        var response = CampaignDataSeriesResponse.Parse(TwoDays);
        var result = ChannelComparison.Compare(Catalogue, response, "email", new ChannelComparisonOptions { Rate = "uniqueclickrate", Control = "A" });
        Assert.Equal("UniqueClickRate", result.Rate.Name);
        Assert.Equal("v-a", result.Control!.Key);
        // The control-group element reports no delivered: it has no trials for this rate, and its tests are null.
        var controlGroup = result.Result.Rows[1];
        Assert.Equal(0, controlGroup.Trials);
        Assert.Null(controlGroup.PValue);
        Assert.Equal(400L, result.Result.Rows[0].Successes);
        Assert.Equal(9850L, result.Result.Rows[0].Trials);
    }

    [Fact]
    public void Unknown_channel_rate_or_control_is_a_clear_argument_error()
    {
        var response = CampaignDataSeriesResponse.Parse(TwoDays);
        var channel = Assert.Throws<ArgumentException>(() => ChannelComparison.Compare(Catalogue, response, "fax"));
        Assert.Contains("Known channels: ios_push", channel.Message, StringComparison.Ordinal);
        var rate = Assert.Throws<ArgumentException>(() => ChannelComparison.Compare(Catalogue, response, "email", new ChannelComparisonOptions { Rate = "Nope" }));
        Assert.Contains("UniqueOpenRate", rate.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ChannelComparison.Compare(Catalogue, response, "email", new ChannelComparisonOptions { Control = "Z" }));
    }

    [Fact]
    public void Sample_ratio_mismatch_uses_the_exposure_metrics_in_order()
    {
        var response = CampaignDataSeriesResponse.Parse(TwoDays);
        var result = ChannelComparison.Compare(Catalogue, response, "email", new ChannelComparisonOptions { ExposureMetrics = new[] { "sent", "enrolled" } });
        Assert.Equal(SampleRatioBasis.Exposure, result.Result.SampleRatioBasis);
        Assert.Equal(new long[] { 10001, 10000 }, result.Result.SampleRatioMismatch.Observed);
    }

    [Fact]
    public void No_days_gives_an_empty_defined_result()
    {
        var result = ChannelComparison.Compare(Catalogue, Array.Empty<CampaignAnalytics.Catalogue.IDailyDataPoint>(), "sms");
        Assert.Empty(result.Arms);
        Assert.Null(result.Control);
        Assert.Null(result.Window);
        Assert.Equal(0, result.ToDataFrame().Rows.Count);
    }

    [Fact]
    public void DataFrame_has_the_documented_columns_and_leaves_control_tests_empty()
    {
        var frame = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(TwoDays), "email").ToDataFrame();
        Assert.Equal(
            "variation_api_id,variation_name,trials,successes,rate,ci_low,ci_high,lift,z,p_value,p_value_holm,prob_beat_control",
            string.Join(",", frame.Columns.Select(c => c.Name)));
        Assert.Null(frame.Columns["p_value"][1]);
        Assert.NotNull(frame.Columns["p_value"][0]);
    }

    [Fact]
    public void Exposure_comes_from_the_schema_sends_for_variations_and_enrolment_for_the_control()
    {
        var email = Catalogue.FindChannel("email")!;
        Assert.Equal(new[] { "sent", "enrolled" }, email.ExposureMetrics.Select(m => m.Name));
        var result = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(TwoDays), "email");
        Assert.Equal(SampleRatioBasis.Exposure, result.Result.SampleRatioBasis);
        Assert.Equal(new long[] { 10001, 10000 }, result.Result.SampleRatioMismatch.Observed);
        // An empty list asks for trials instead.
        var onTrials = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(TwoDays), "email", new ChannelComparisonOptions { ExposureMetrics = Array.Empty<string>() });
        Assert.Equal(SampleRatioBasis.Trials, onTrials.Result.SampleRatioBasis);
    }

    [Fact]
    public void A_rate_that_is_not_a_proportion_over_the_window_is_a_clear_error()
    {
        // Total opens exceed deliveries: no interval or z-test is meaningful on that.
        const string Json = """
            {"message":"success","data":[{"time":"2025-01-01","messages":{"email":[
              {"variation_api_id":"a","variation_name":"A","delivered":10,"opens":25},
              {"variation_api_id":"b","variation_name":"B","delivered":10,"opens":5}]}}]}
            """;
        var e = Assert.Throws<ArgumentException>(() =>
            ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(Json), "email", new ChannelComparisonOptions { Rate = "TotalOpenRate" }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("'TotalOpenRate' of channel 'email' is not a proportion over this window: variation 'A' has 25 opens for 10 delivered", e.Message, StringComparison.Ordinal);
    }
}
