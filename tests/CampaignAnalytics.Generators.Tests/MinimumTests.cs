using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Generators.Tests.Infrastructure;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Generators.Tests;

/// <summary>
/// A schema's integer <c>minimum</c> reaches both generated readers: the fast path reads only unsigned digits, so a
/// minimum above 0 must be checked there as well as in the full reader, and a minimum of 0 refuses <c>-0</c>.
/// </summary>
public class MinimumTests
{
    private static ChannelCatalogue Compile()
    {
        var schema = File.ReadAllText(Path.Combine(RepoPaths.DiagnosticSchemas, "valid-minimal.schema.json"))
            .Replace("\"sent\": { \"type\": \"integer\" }", "\"sent\": { \"type\": \"integer\", \"minimum\": 5 }", StringComparison.Ordinal)
            .Replace("\"clicks\": { \"type\": \"integer\" }", "\"clicks\": { \"type\": \"integer\", \"minimum\": 0 }", StringComparison.Ordinal);
        Assert.Contains("\"minimum\": 5", schema, StringComparison.Ordinal);
        var run = GeneratorHarness.Run(new TestAdditionalText("/cases/minimum.schema.json", schema)).AssertDidNotThrow();
        Assert.Empty(run.Result.Diagnostics);
        var image = GeneratorHarness.Emit(run.OutputCompilation);
        var assembly = new AssemblyLoadContext("minimum-models", isCollectible: true).LoadFromStream(new MemoryStream(image));
        var type = assembly.GetTypes().Single(t => typeof(ChannelCatalogue).IsAssignableFrom(t));
        return (ChannelCatalogue)type.GetProperty("Instance")!.GetValue(null)!;
    }

    private static string Response(string element) =>
        "{\"message\":\"success\",\"data\":[{\"time\":\"2026-10-01\",\"messages\":{\"email\":[" + element + "]}}]}";

    [Theory]
    [InlineData("{\"sent\":4}", "expected an integer of at least 5, found 4")]
    [InlineData("{\"sent\":0}", "expected an integer of at least 5, found 0")]
    [InlineData("{\"sent\":5,\"clicks\":-0}", "expected a count (0 or more), found -0")]
    [InlineData("{\"sent\":5,\"clicks\":-3}", "expected a count (0 or more), found -3")]
    public void Values_below_the_minimum_are_located_errors(string element, string problem)
    {
        var catalogue = Compile();
        var e = Assert.Throws<CampaignJsonException>(() => catalogue.ParseResponse(Encoding.UTF8.GetBytes(Response(element))));
        Assert.Equal(problem, e.Problem);
    }

    [Fact]
    public void Values_at_the_minimum_read()
    {
        var catalogue = Compile();
        var day = catalogue.ParseResponse(Encoding.UTF8.GetBytes(Response("{\"sent\":5,\"clicks\":0}"))).Data![0];
        var element = Assert.Single(catalogue.FindChannel("email")!.GetVariations(day));
        Assert.Equal(5, catalogue.FindChannel("email")!.FindMetric("sent")!.GetCount(element));
    }
}
