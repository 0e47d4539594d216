using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Rates;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Tests.Windows;

/// <summary>Sums of counts past <see cref="long.MaxValue"/> are one typed error, never a silent switch to floating point.</summary>
public class CountOverflowTests
{
    private static readonly ChannelCatalogue Catalogue = CampaignDataSeriesCatalogue.Instance;

    private static readonly DateInterval TwoDays = new(new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 2));

    /// <summary>Two days on which Variant A sends <paramref name="sent"/> emails each.</summary>
    private static IDataSeriesResponse Response(long sent) => Catalogue.ParseResponse(Encoding.UTF8.GetBytes($$$"""
        {"message":"success","data":[
          {"time":"2026-10-01","messages":{"email":[
            {"variation_api_id":"v-a","variation_name":"Variant A","sent":{{{sent}}},"delivered":10,"unique_recipients":10,"conversions":1},
            {"variation_api_id":"v-c","variation_name":"Control Group","enrolled":10,"unique_recipients":10,"conversions":1}]}},
          {"time":"2026-10-02","messages":{"email":[
            {"variation_api_id":"v-a","variation_name":"Variant A","sent":{{{sent}}},"delivered":10,"unique_recipients":10,"conversions":1},
            {"variation_api_id":"v-c","variation_name":"Control Group","enrolled":10,"unique_recipients":10,"conversions":1}]}}
        ]}
        """));

    private static void AssertNames(CountOverflowException e, string? channel, string? variation, string? metric, DateInterval? period)
    {
        Assert.IsAssignableFrom<OverflowException>(e);
        Assert.Equal(channel, e.Channel);
        Assert.Equal(variation, e.Variation);
        Assert.Equal(metric, e.Metric);
        Assert.Equal(period, e.Period);
    }

    [Fact]
    public void Rates_over_a_month_throw_naming_channel_variation_metric_and_period()
    {
        var data = CampaignDataSet.Create(Catalogue, "c1", Response(5_000_000_000_000_000_000));
        var e = Assert.Throws<CountOverflowException>(() => CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.Month)));
        AssertNames(e, "email", "Variant A", "sent", new DateInterval(new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 31)));
        Assert.Equal("email / Variant A: the sum of 'sent' over 2026-10-01..2026-10-31 exceeds 9223372036854775807; the input cannot be right", e.Message);

        // Over the whole range the period is the days summed; pooled variations are not named.
        e = Assert.Throws<CountOverflowException>(() => CampaignRates.Compute(data));
        AssertNames(e, "email", "Variant A", "sent", TwoDays);
        e = Assert.Throws<CountOverflowException>(() => CampaignRates.Compute(data, RateGrouping.PerChannel));
        AssertNames(e, "email", null, "sent", TwoDays);
    }

    [Fact]
    public void Rates_summing_to_exactly_the_largest_count_are_fine()
    {
        // 2^62 + (2^62 − 1) = long.MaxValue on two days.
        var json = $$$"""
            {"message":"success","data":[
              {"time":"2026-10-01","messages":{"email":[{"variation_api_id":"v-a","variation_name":"Variant A","sent":{{{1L << 62}}},"delivered":{{{1L << 61}}}}]}},
              {"time":"2026-10-02","messages":{"email":[{"variation_api_id":"v-a","variation_name":"Variant A","sent":{{{(1L << 62) - 1}}},"delivered":{{{1L << 61}}}}]}}
            ]}
            """;
        var data = CampaignDataSet.Create(Catalogue, "c1", Catalogue.ParseResponse(Encoding.UTF8.GetBytes(json)));
        var rows = CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.Month));
        var delivery = Assert.Single(rows, r => r.Rate == "DeliveryRate");
        Assert.Equal(long.MaxValue, delivery.Denominator);
        Assert.Equal(0.5, delivery.Value);
    }

    [Fact]
    public void A_comparison_throws_naming_the_arm_and_the_exposure_metric()
    {
        var e = Assert.Throws<CountOverflowException>(() => ChannelComparison.Compare(Catalogue, Response(5_000_000_000_000_000_000), "email"));
        AssertNames(e, "email", "Variant A", "sent", TwoDays);

        // The trials of the rate compared, within the window asked for.
        var window = new DateInterval(new LocalDate(2026, 9, 1), new LocalDate(2026, 10, 31));
        e = Assert.Throws<CountOverflowException>(() => ChannelComparison.Compare(
            Catalogue, Response(5_000_000_000_000_000_000), "email", new ChannelComparisonOptions { Rate = "DeliveryRate", ExposureMetrics = [], Window = window }));
        AssertNames(e, "email", "Variant A", "sent", window);
    }

    [Fact]
    public void Aggregates_of_counts_throw_the_typed_error()
    {
        IReadOnlyList<long> days = [5_000_000_000_000_000_000, 5_000_000_000_000_000_000];
        var e = Assert.Throws<CountOverflowException>(() => Aggregates.SumCounts<long>(v => v)(days));
        AssertNames(e, null, null, null, null);
        Assert.StartsWith("A sum of counts exceeds 9223372036854775807", e.Message, StringComparison.Ordinal);

        // The rate of two counts sums them as integers too, instead of as doubles.
        Assert.Throws<CountOverflowException>(() => Aggregates.RateOfCounts<long>(_ => 1, v => v)(days));
        Assert.Equal(0.5, Aggregates.RateOfCounts<long>(v => v / 2, v => v)([1L << 62, (1L << 62) - 2]));
    }

    [Fact]
    public void Rolling_sums_throw_only_when_a_window_itself_overflows()
    {
        var series = DailySeries.Contiguous(new LocalDate(2026, 10, 1), [5_000_000_000_000_000_000L, 5_000_000_000_000_000_000L, 1L]);

        // One-day windows never hold more than one day's count (the sliding sum used to add before it dropped).
        Assert.Equal([5_000_000_000_000_000_000L, 5_000_000_000_000_000_000L, 1L], series.RollingSum(1).Select(p => p.Sum));

        var e = Assert.Throws<CountOverflowException>(() => series.RollingSum(2));
        AssertNames(e, null, null, null, TwoDays);
    }
}
