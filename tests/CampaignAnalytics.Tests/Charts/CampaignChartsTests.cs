using System;
using System.IO;
using System.Linq;
using CampaignAnalytics.Charts;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Rates;

namespace CampaignAnalytics.Tests.Charts;

public class CampaignChartsTests
{
    private static readonly CampaignDataSeriesCatalogue Catalogue = CampaignDataSeriesCatalogue.Instance;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static CampaignDataSet RealPayload() =>
        CampaignDataSet.Create(Catalogue, "c1", Catalogue.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json")));

    /// <summary>Width and height from the IHDR chunk (big-endian, bytes 16..23).</summary>
    private static (int Width, int Height) PngSize(byte[] png) =>
        ((png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19], (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);

    private static void AssertPng(byte[] png, int width, int height)
    {
        Assert.True(png.Length > 2_000, $"PNG of {png.Length} bytes is too small to hold a chart.");
        Assert.Equal(PngSignature, png.Take(8).ToArray());
        Assert.Equal((width, height), PngSize(png));
    }

    [Fact]
    public void Daily_rates_render_a_png_of_the_asked_size()
    {
        var plot = CampaignCharts.DailyRates(RealPayload(), "email", "UniqueClickRate");
        AssertPng(plot.ToPng(new ChartSize(640, 360)), 640, 360);
        AssertPng(plot.ToPng(), ChartSize.Default.Width, ChartSize.Default.Height);
    }

    [Fact]
    public void Daily_rates_draw_one_line_per_variation_with_the_control_included()
    {
        var plot = CampaignCharts.DailyRates(RealPayload(), "email", "ConversionRate");
        var lines = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(new[] { "Variant A", "Variant B", "Control Group" }, lines.Select(l => l.LegendText));
        Assert.Equal(ScottPlot.LinePattern.Dashed, lines[^1].LinePattern);
    }

    [Fact]
    public void Daily_rates_accept_rows_computed_per_day()
    {
        var rows = CampaignRates.Compute(RealPayload(), new RateGrouping(Period: RatePeriod.Day));
        AssertPng(CampaignCharts.DailyRates(rows, "ios_push", "DirectOpenRate").ToPng(), 800, 450);
    }

    [Fact]
    public void Rows_over_a_whole_range_are_refused_with_a_hint()
    {
        var week = new RateRow(new NodaTime.LocalDate(2025, 6, 16), new NodaTime.LocalDate(2025, 6, 22), "c1", "email", "a", "Variant A", "UniqueClickRate", 8, 100, 0.08);
        var e = Assert.Throws<ArgumentException>(() => CampaignCharts.DailyRates(new[] { week }, "email", "UniqueClickRate"));
        Assert.Contains("RatePeriod.Day", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_channel_with_no_data_is_a_clear_error_not_an_empty_chart()
    {
        // sms is present in the payload but empty: there is nothing to draw.
        var e = Assert.Throws<ArgumentException>(() => CampaignCharts.DailyRates(RealPayload(), "sms", "DeliveryRate"));
        Assert.Contains("no day has a DeliveryRate for channel 'sms'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Channels with data: ios_push, android_push, webhook, email.", e.Message, StringComparison.Ordinal);
        var fromRows = Assert.Throws<ArgumentException>(() => CampaignCharts.DailyRates(CampaignRates.PerRow(RealPayload()), "sms", "DeliveryRate"));
        Assert.Contains("Rows with values: ", fromRows.Message, StringComparison.Ordinal);
        Assert.Contains("email.UniqueClickRate", fromRows.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_channels_and_rates_name_what_exists()
    {
        var unknownChannel = Assert.Throws<ArgumentException>(() => CampaignCharts.DailyRates(RealPayload(), "line", "ReadRate"));
        Assert.Contains("Known channels: ios_push", unknownChannel.Message, StringComparison.Ordinal);
        var unknownRate = Assert.Throws<ArgumentException>(() => CampaignCharts.DailyRates(RealPayload(), "email", "ReadRate"));
        Assert.Contains("Its rates: ConversionRate, DeliveryRate", unknownRate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparison_intervals_render_with_the_control_highlighted()
    {
        var comparison = ChannelComparison.Compare(Catalogue, Catalogue.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json")), "email");
        var plot = CampaignCharts.ComparisonIntervals(comparison);
        AssertPng(plot.ToPng(), 800, 450);
        var bars = plot.GetPlottables().OfType<ScottPlot.Plottables.ErrorBar>().ToList();
        Assert.Equal(3, bars.Count);
        var reference = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.HorizontalLine>());
        Assert.Equal(comparison.Result.Rows[comparison.Result.ControlIndex!.Value].Rate!.Value, reference.Y, 12);
    }

    [Fact]
    public void Comparison_of_an_empty_channel_is_a_clear_error()
    {
        var comparison = ChannelComparison.Compare(Catalogue, Catalogue.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json")), "sms");
        var e = Assert.Throws<ArgumentException>(() => CampaignCharts.ComparisonIntervals(comparison));
        Assert.Contains("channel 'sms' has no variation in the window", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_png_writes_the_same_bytes_as_to_png()
    {
        var plot = CampaignCharts.DailyRates(RealPayload(), "email", "DeliveryRate");
        var path = Path.Combine(Path.GetTempPath(), "ca-chart-" + Guid.NewGuid().ToString("N") + ".png");
        try
        {
            plot.SavePng(path, new ChartSize(300, 200));
            AssertPng(File.ReadAllBytes(path), 300, 200);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Html_image_inlines_the_png()
    {
        var html = CampaignCharts.DailyRates(RealPayload(), "email", "DeliveryRate").ToHtmlImage(new ChartSize(300, 200));
        Assert.StartsWith("<img width=\"300\" height=\"200\" src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        var base64 = html["<img width=\"300\" height=\"200\" src=\"data:image/png;base64,".Length..^4];
        AssertPng(Convert.FromBase64String(base64), 300, 200);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(10_001, 10)]
    public void Chart_sizes_out_of_range_are_refused(int width, int height) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChartSize(width, height));
}
