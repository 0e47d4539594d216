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
    public void The_result_and_its_rows_name_the_conversion_event_measured_when_the_labels_know_it()
    {
        var response = CampaignDataSeriesResponse.Parse(TwoDays);
        var labels = new CampaignAnalytics.Frames.CampaignLabels("c-1", "Spring", new[] { new ConversionEvent(0, "Performs Custom Event", "Custom event \"Used app\""), new ConversionEvent(1, "Starts Session", "Starts session") });

        var result = ChannelComparison.Compare(Catalogue, response, "email", new ChannelComparisonOptions { Labels = labels });

        Assert.Equal(labels.ConversionEvents[0], result.ConversionEvent);
        Assert.All(result.Result.Rows, r => Assert.Equal(labels.ConversionEvents[0], r.ConversionEvent));
        var sequential = SequentialComparison.Compare(Catalogue, response, "email", new SequentialComparisonOptions { Comparison = new ChannelComparisonOptions { Labels = labels } });
        Assert.Equal(labels.ConversionEvents[0], sequential.ConversionEvent);

        // Unknown: no labels, labels without events, or a rate that counts no conversion.
        Assert.Null(ChannelComparison.Compare(Catalogue, response, "email").ConversionEvent);
        Assert.Null(ChannelComparison.Compare(Catalogue, response, "email", new ChannelComparisonOptions { Labels = labels with { ConversionEvents = Array.Empty<ConversionEvent>() } }).ConversionEvent);
        var clicks = ChannelComparison.Compare(Catalogue, response, "email", new ChannelComparisonOptions { Rate = "UniqueClickRate", Labels = labels });
        Assert.Null(clicks.ConversionEvent);
        Assert.All(clicks.Result.Rows, r => Assert.Null(r.ConversionEvent));
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

    // Three email variations and no control group.
    private const string NoControlGroup = """
        {"message":"success","data":[{"time":"2025-01-01","messages":{"email":[
          {"variation_api_id":"v-a","variation_name":"A","sent":1000,"delivered":990,"unique_recipients":1000,"conversions":20},
          {"variation_api_id":"v-b","variation_name":"B","sent":1000,"delivered":985,"unique_recipients":1000,"conversions":35},
          {"variation_api_id":"v-c","variation_name":"C","sent":1000,"delivered":992,"unique_recipients":1000,"conversions":25}]}}]}
        """;

    // Three equal arms of 10000 over two days; the control group reports no enrolled (and no delivered).
    private const string ControlWithoutEnrolled = """
        {"message":"success","data":[
          {"time":"2025-01-01","messages":{"email":[
            {"variation_api_id":"v-c","variation_name":"Control Group","unique_recipients":5000,"conversions":100},
            {"variation_api_id":"v-a","variation_name":"A","sent":5000,"delivered":4950,"unique_opens":1500,"unique_recipients":5000,"conversions":110},
            {"variation_api_id":"v-b","variation_name":"B","sent":5000,"delivered":4940,"unique_opens":1520,"unique_recipients":5000,"conversions":120}]}},
          {"time":"2025-01-02","messages":{"email":[
            {"variation_api_id":"v-c","variation_name":"Control Group","unique_recipients":5000,"conversions":104},
            {"variation_api_id":"v-a","variation_name":"A","sent":5000,"delivered":4960,"unique_opens":1490,"unique_recipients":5000,"conversions":108},
            {"variation_api_id":"v-b","variation_name":"B","sent":5000,"delivered":4945,"unique_opens":1530,"unique_recipients":5000,"conversions":118}]}}
        ]}
        """;

    [Fact]
    public void The_result_says_how_the_baseline_was_chosen()
    {
        var first = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(NoControlGroup), "email");
        Assert.Equal(BaselineSource.FirstVariation, first.BaselineSource);
        Assert.Equal("v-a", first.Control!.Key);
        Assert.False(first.Control.IsControlGroup);

        var named = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(NoControlGroup), "email", new ChannelComparisonOptions { Control = "B" });
        Assert.Equal(BaselineSource.Named, named.BaselineSource);
        Assert.Equal("v-b", named.Control!.Key);

        var group = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(TwoDays), "email");
        Assert.Equal(BaselineSource.ControlGroup, group.BaselineSource);
        Assert.Equal("v-c", group.Control!.Key);

        // Naming the control group is still a named baseline.
        var namedGroup = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(TwoDays), "email", new ChannelComparisonOptions { Control = "Control Group" });
        Assert.Equal(BaselineSource.Named, namedGroup.BaselineSource);
    }

    [Fact]
    public void Arms_report_their_days_and_the_rates_they_carry()
    {
        var result = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(ControlWithoutEnrolled), "email", new ChannelComparisonOptions { Rate = "UniqueOpenRate" });
        var control = result.Control!;
        Assert.True(control.IsControlGroup);
        Assert.Equal((2, 0, 0, 0), (control.Days, control.RateDays, control.DenominatorDays, control.ExposureDays));
        Assert.Equal(new[] { "ConversionRate" }, control.CarriedRates);

        var a = result.Arms.Single(x => x.Key == "v-a");
        Assert.Equal((2, 2, 2, 2), (a.Days, a.RateDays, a.DenominatorDays, a.ExposureDays));
        Assert.Equal(new[] { "ConversionRate", "DeliveryRate", "UniqueOpenRate" }, a.CarriedRates);

        // Equality compares the carried rates by element.
        Assert.Equal(a, a with { CarriedRates = a.CarriedRates.ToArray() });
        Assert.NotEqual(a, a with { CarriedRates = new[] { "ConversionRate" } });
        Assert.Contains("CarriedRates = [ConversionRate, DeliveryRate, UniqueOpenRate]", a.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_arm_without_exposure_puts_every_arm_on_trials_instead_of_counting_it_as_zero()
    {
        // Counted as exposure 0, the control would give chi-square 20000 and p = 0 on three equal arms.
        var result = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(ControlWithoutEnrolled), "email");
        Assert.Equal(SampleRatioBasis.Trials, result.Result.SampleRatioBasis);
        Assert.Equal(new long[] { 10000, 10000, 10000 }, result.Result.SampleRatioMismatch.Observed);
        Assert.Equal(1.0, result.Result.SampleRatioMismatch.PValue);
        Assert.Equal("'Control Group' reports no sent or enrolled on 2 of 2 days", result.SampleRatioNote);

        // With exposure on every day of every arm there is nothing to explain.
        var exposed = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(TwoDays), "email");
        Assert.Equal(SampleRatioBasis.Exposure, exposed.Result.SampleRatioBasis);
        Assert.Null(exposed.SampleRatioNote);
    }

    [Fact]
    public void Exposure_missing_on_one_day_of_one_arm_is_not_summed_with_the_others()
    {
        const string Json = """
            {"message":"success","data":[
              {"time":"2025-01-01","messages":{"email":[
                {"variation_api_id":"a","variation_name":"A","sent":500,"unique_recipients":500,"conversions":5},
                {"variation_api_id":"b","variation_name":"B","sent":500,"unique_recipients":500,"conversions":6}]}},
              {"time":"2025-01-02","messages":{"email":[
                {"variation_api_id":"a","variation_name":"A","unique_recipients":500,"conversions":5},
                {"variation_api_id":"b","variation_name":"B","sent":500,"unique_recipients":500,"conversions":7}]}}]}
            """;
        var result = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(Json), "email");
        Assert.Equal(SampleRatioBasis.Trials, result.Result.SampleRatioBasis);
        Assert.Equal(new long[] { 1000, 1000 }, result.Result.SampleRatioMismatch.Observed);
        Assert.Equal("'A' reports no sent or enrolled on 1 of 2 days", result.SampleRatioNote);
    }

    [Fact]
    public void With_no_count_common_to_every_arm_the_sample_ratio_check_is_skipped_and_says_why()
    {
        var result = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(ControlWithoutEnrolled), "email", new ChannelComparisonOptions { Rate = "UniqueOpenRate", Control = "A" });
        Assert.Equal(SampleRatioBasis.None, result.Result.SampleRatioBasis);
        Assert.Null(result.Result.SampleRatioMismatch.Statistic);
        Assert.Null(result.Result.SampleRatioMismatch.PValue);
        Assert.Empty(result.Result.SampleRatioMismatch.Observed);
        Assert.Equal(
            "'Control Group' reports no sent or enrolled on 2 of 2 days, and 'Control Group' reports unique_opens and delivered on 0 of 2 days",
            result.SampleRatioNote);

        // The rest of the comparison is unchanged, and a split of the wrong length is still an error.
        Assert.NotNull(result.Result.Rows.Single(r => r.VariationKey == "v-b").PValue);
        var e = Assert.Throws<ArgumentException>(() => ChannelComparison.Compare(
            Catalogue,
            CampaignDataSeriesResponse.Parse(ControlWithoutEnrolled),
            "email",
            new ChannelComparisonOptions { Rate = "UniqueOpenRate", Statistics = ComparisonOptions.Default with { IntendedWeights = new[] { 1.0, 1.0 } } }));
        Assert.Equal("weights", e.ParamName);

        // Trials asked for (no exposure metrics) but not carried by every arm: skipped too.
        var trials = ChannelComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(ControlWithoutEnrolled), "email", new ChannelComparisonOptions { Rate = "UniqueOpenRate", ExposureMetrics = Array.Empty<string>() });
        Assert.Equal(SampleRatioBasis.None, trials.Result.SampleRatioBasis);
        Assert.Equal("'Control Group' reports unique_opens and delivered on 0 of 2 days", trials.SampleRatioNote);
    }
}
