using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Generators.Tests.Infrastructure;
using CampaignAnalytics.Rates;
using CampaignAnalytics.Schemas;
using CampaignAnalytics.Tests.Schemas;

namespace CampaignAnalytics.Generators.Tests;

/// <summary>
/// "Adding a channel is one schema edit": a consumer copies the schema, adds <c>line</c>, and gets a
/// typed record, a reader that fills it, and a catalogue entry with its metrics and rates, with no code.
/// </summary>
public class AddingAChannelTests
{
    private static readonly Lazy<Assembly> s_consumer = new(() =>
    {
        var run = GeneratorHarness.Run(TestSchemas.ConsumerWithLine()).AssertDidNotThrow();
        Assert.Empty(run.Result.Diagnostics);
        var image = GeneratorHarness.Emit(run.OutputCompilation);

        // A collectible context of its own; CampaignAnalytics and NodaTime resolve to the test's copies in the
        // default context, so the generated catalogue *is* a CampaignAnalytics.Catalogue.ChannelCatalogue here.
        var context = new AssemblyLoadContext("consumer-models", isCollectible: true);
        return context.LoadFromStream(new MemoryStream(image));
    });

    private static ChannelCatalogue Catalogue()
    {
        var type = s_consumer.Value.GetTypes().Single(t => typeof(ChannelCatalogue).IsAssignableFrom(t));
        Assert.Equal("Consumer.Models.CampaignDataSeriesCatalogue", type.FullName);
        return (ChannelCatalogue)type.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }

    [Fact]
    public void The_new_channel_gets_its_own_record_type()
    {
        var line = s_consumer.Value.GetType("Consumer.Models.LineVariation", throwOnError: true)!;
        Assert.True(typeof(IVariation).IsAssignableFrom(line));
        Assert.Equal(typeof(long?), line.GetProperty("Sent")!.PropertyType);
        Assert.Equal(typeof(long?), line.GetProperty("Delivered")!.PropertyType);
        Assert.Equal(typeof(long?), line.GetProperty("Read")!.PropertyType);
        Assert.Equal(typeof(long?), line.GetProperty("Conversions")!.PropertyType); // inherited through allOf
    }

    [Fact]
    public void The_catalogue_lists_the_channel_with_its_metrics_and_rates()
    {
        var catalogue = Catalogue();
        Assert.Equal("line", catalogue.Channels[^1].Key);
        var line = catalogue.FindChannel("line")!;
        Assert.Equal("LINE", line.DisplayName);
        Assert.Equal("Consumer.Models.LineVariation", line.VariationType.FullName);
        Assert.Equal(new[] { "sent", "delivered", "read" }, line.Metrics.Select(m => m.Name).Where(n => n is "sent" or "delivered" or "read"));
        Assert.Equal(new[] { "ConversionRate", "ReadRate" }, line.Rates.Select(r => r.Name));
        Assert.Equal("ReadRate = read / sent", line.FindRate("ReadRate")!.ToString());

        // The schema's other channels are all still there, in schema order.
        Assert.Equal(12, catalogue.Channels.Count);
        Assert.Equal("email", catalogue.FindChannel("email")!.Key);
    }

    [Fact]
    public void The_real_payloads_line_data_is_read_into_the_new_record_not_kept_as_unknown()
    {
        var catalogue = Catalogue();
        var bytes = File.ReadAllBytes(RepoPaths.Payload("multichannel-real.json"));
        var response = catalogue.ParseResponse(bytes);
        var day = response.Data![0];

        Assert.Empty(day.Messages!.UnknownChannels); // in the runtime's own models, "line" lands here
        var lineChannel = catalogue.FindChannel("line")!;
        Assert.True(lineChannel.IsPresent(day));
        var element = Assert.Single(lineChannel.GetVariations(day));
        Assert.Equal("Consumer.Models.LineVariation", element.GetType().FullName);
        Assert.Equal("8a4b-line", element.VariationApiId);
        Assert.Equal(12L, lineChannel.FindMetric("sent")!.GetCount(element));
        Assert.Equal(9L, lineChannel.FindMetric("read")!.GetCount(element));
        Assert.Null(lineChannel.FindMetric("delivered")!.GetCount(element));
        Assert.Empty(element.UnknownFields);
        Assert.Equal(9.0 / 12, lineChannel.FindRate("ReadRate")!.Evaluate(element));

        // The typed property on the generated channels container, as a user of the generated API would see it.
        var typedList = (IList)day.Messages.GetType().GetProperty("Line")!.GetValue(day.Messages)!;
        Assert.Same(element, typedList[0]);
        Assert.Equal(9L, element.GetType().GetProperty("Read")!.GetValue(element));

        // Other channels read as before, and writing back gives the same data.
        Assert.Equal(750L, catalogue.FindChannel("email")!.FindMetric("delivered")!.GetCount(catalogue.FindChannel("email")!.GetVariations(day)[0]));
        using var original = JsonDocument.Parse(bytes);
        using var written = JsonDocument.Parse(catalogue.ToUtf8Json(response));
        Assert.True(JsonElement.DeepEquals(original.RootElement, written.RootElement));
    }

    [Fact]
    public void The_new_channel_reaches_frames_rates_and_comparison_with_no_code_change()
    {
        var catalogue = Catalogue();
        var response = catalogue.ParseResponse(File.ReadAllBytes(RepoPaths.Payload("multichannel-real.json")));
        var data = CampaignDataSet.Create(catalogue, "campaign-1", response);

        // Long frame: one row per reported value of the new channel.
        var lineValues = data.Values.Where(v => v.Channel == "line").Select(v => (v.Metric, v.Value)).ToList();
        Assert.Equal(new[] { ("sent", 12.0), ("read", 9.0) }, lineValues);
        Assert.Empty(data.UnknownChannels);

        // Wide frame: a column per catalogue metric of the new shape, null where absent.
        var wide = data.ToWideFrame("line");
        var columns = wide.Columns.Select(c => c.Name).ToList();
        Assert.Contains("read", columns);
        Assert.Contains("delivered", columns);
        Assert.Equal(1, wide.Rows.Count);
        Assert.Equal(9L, wide.Columns["read"][0]);
        Assert.Null(wide.Columns["delivered"][0]);

        // Rates: the new channel's declared rate.
        var read = CampaignRates.Compute(data).Single(r => r.Channel == "line" && r.Rate == "ReadRate");
        Assert.Equal(9.0 / 12, read.Value);

        // Comparison on the new channel's rate.
        var comparison = ChannelComparison.Compare(catalogue, response, "line", new ChannelComparisonOptions { Rate = "ReadRate" });
        var arm = Assert.Single(comparison.Result.Rows);
        Assert.Equal((12L, 9L), (arm.Trials, arm.Successes));
    }

    [Fact]
    public void Without_a_rebuild_the_schema_read_at_run_time_declares_the_channel_as_the_generated_catalogue_does()
    {
        var runtime = SchemaCatalogue.Parse(TestSchemas.ConsumerWithLineText(), TestSchemas.ConsumerPath);
        Assert.Equal("LINE", runtime.FindChannel("line")!.DisplayName);
        Assert.Equal(CatalogueParity.Describe(Catalogue()), CatalogueParity.Describe(runtime));
    }

    [Fact]
    public void Without_a_rebuild_the_schema_read_at_run_time_reads_line_data_as_the_generated_reader_does()
    {
        var runtime = SchemaCatalogue.Parse(TestSchemas.ConsumerWithLineText(), TestSchemas.ConsumerPath);
        var bytes = File.ReadAllBytes(RepoPaths.Payload("multichannel-real.json"));
        var outcome = CatalogueParity.Outcome(runtime, bytes);
        Assert.Equal(CatalogueParity.Outcome(Catalogue(), bytes), outcome);
        Assert.Contains("8a4b-line|- exposure=- ", outcome, StringComparison.Ordinal);

        var response = runtime.ParseResponse(bytes);
        Assert.Empty(response.Data![0].Messages!.UnknownChannels);
        var read = CampaignRates.Compute(CampaignDataSet.Create(runtime, "campaign-1", response)).Single(r => r.Channel == "line" && r.Rate == "ReadRate");
        Assert.Equal(9.0 / 12, read.Value);
    }
}
