using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Generators.Model;
using CampaignAnalytics.Generators.Parsing;
using CampaignAnalytics.Generators.Tests.Infrastructure;

namespace CampaignAnalytics.Generators.Tests;

/// <summary>
/// Braze's conventions are the schema's: the status field and its success value (<c>x-role: status</c>, <c>x-success</c>),
/// the control group's name (<c>x-control-name</c>) and the default rate (<c>x-default-rate</c>) reach the spec and the
/// generated catalogue; a schema that omits them keeps Braze's (<c>message</c>, <c>success</c>, <c>Control Group</c>, <c>ConversionRate</c>).
/// </summary>
public class ConventionTests
{
    private static readonly string Minimal = File.ReadAllText(Path.Combine(RepoPaths.DiagnosticSchemas, "valid-minimal.schema.json"));

    /// <summary>The minimal schema with its own conventions: status <c>state</c> = <c>ok</c>, control <c>Holdout</c>, default rate <c>OpenRate</c>.</summary>
    private static string Declared() => Minimal
        .Replace("\"message\": { \"type\": \"string\" },", "\"state\": { \"type\": \"string\", \"x-role\": \"status\", \"x-success\": \"ok\" },", StringComparison.Ordinal)
        .Replace("\"x-role\": \"variation-name\" }", "\"x-role\": \"variation-name\", \"x-control-name\": \"Holdout\" }", StringComparison.Ordinal)
        .Replace("\"clicks\": { \"type\": \"integer\" }", "\"clicks\": { \"type\": \"integer\" }, \"opens\": { \"type\": \"integer\" }", StringComparison.Ordinal)
        .Replace("\"denominator\": \"sent\" } ]", "\"denominator\": \"sent\" }, { \"name\": \"OpenRate\", \"numerator\": \"opens\", \"denominator\": \"sent\" } ]", StringComparison.Ordinal)
        .Replace("\"x-namespace\": \"Cases.Models\",", "\"x-namespace\": \"Cases.Models\", \"x-default-rate\": \"OpenRate\",", StringComparison.Ordinal);

    private static SchemaSpec Parse(string text)
    {
        var result = SchemaParser.Parse("/cases/conventions.schema.json", text, null, null, default);
        Assert.Empty(result.Diagnostics);
        return result.Spec!;
    }

    private static ChannelCatalogue Compile(string text)
    {
        var run = GeneratorHarness.Run(new TestAdditionalText("/cases/conventions.schema.json", text)).AssertDidNotThrow();
        Assert.Empty(run.Result.Diagnostics);
        var image = GeneratorHarness.Emit(run.OutputCompilation);
        var assembly = new AssemblyLoadContext("convention-models", isCollectible: true).LoadFromStream(new MemoryStream(image));
        var type = assembly.GetTypes().Single(t => typeof(ChannelCatalogue).IsAssignableFrom(t));
        return (ChannelCatalogue)type.GetProperty("Instance")!.GetValue(null)!;
    }

    [Fact]
    public void Declared_conventions_reach_the_spec()
    {
        var spec = Parse(Declared());
        Assert.Equal(new ConventionSpec("ok", "Holdout", "OpenRate"), spec.Conventions);
        var response = spec.Types.Single(t => t.Name == spec.ResponseType);
        Assert.Equal("state", response.Properties.Single(p => p.Role == PropertyRole.Status).JsonName);
    }

    [Fact]
    public void A_schema_without_them_keeps_Braze_conventions()
    {
        var spec = Parse(Minimal);
        Assert.Equal(new ConventionSpec("success", "Control Group", "ConversionRate"), spec.Conventions);
        var response = spec.Types.Single(t => t.Name == spec.ResponseType);
        Assert.Equal("message", response.Properties.Single(p => p.Role == PropertyRole.Status).JsonName);
    }

    [Fact]
    public void The_generated_catalogue_carries_the_declared_conventions()
    {
        var catalogue = Compile(Declared());
        Assert.Equal(("state", "ok", "Holdout", "OpenRate"), (catalogue.StatusField, catalogue.SuccessStatus, catalogue.ControlGroupName, catalogue.DefaultRate));
        Assert.True(catalogue.IsControlGroup(" holdout "));
        Assert.False(catalogue.IsControlGroup("Control Group"));

        var ok = catalogue.ParseResponse(Encoding.UTF8.GetBytes("{\"state\":\"ok\",\"data\":[]}"));
        Assert.Null(ResponseStatus.Problem(catalogue, ok));
        var success = catalogue.ParseResponse(Encoding.UTF8.GetBytes("{\"state\":\"success\",\"data\":[]}"));
        Assert.Equal("Braze reported \"success\" instead of \"ok\"", ResponseStatus.Problem(catalogue, success));
        var none = catalogue.ParseResponse(Encoding.UTF8.GetBytes("{\"data\":[]}"));
        Assert.Equal("the response has no \"state\", so it is not a completed export", ResponseStatus.Problem(catalogue, none));
        Assert.Equal("ok", catalogue.CreateMergedResponse(Array.Empty<IDailyDataPoint>()).Message);
    }

    [Fact]
    public void The_generated_catalogue_of_a_schema_without_them_has_Braze_conventions()
    {
        var catalogue = Compile(Minimal);
        Assert.Equal(("message", "success", "Control Group", "ConversionRate"), (catalogue.StatusField, catalogue.SuccessStatus, catalogue.ControlGroupName, catalogue.DefaultRate));
    }
}
