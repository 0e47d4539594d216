using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// The fragment <c>schema check</c> prints is accepted by the real source generator: merged into a copy of the
/// schema, it generates the new channel's record with no diagnostics, and the output compiles cleanly.
/// </summary>
public sealed class SchemaFragmentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-fragment-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Unknown fields the generator cannot type as they come: a count that is sometimes null, an array, a field only
    /// ever null, a field of two types, and an unknown channel that is an object rather than an array.
    /// </summary>
    private string Awkward() => WriteFile("awkward.json", """
        { "message": "success", "data": [
          { "time": "2025-06-19", "unique_recipients": 10, "late_total": 5, "tags": ["a"], "nothing": null, "mixed": 1,
            "messages": { "webhook": [ { "variation_api_id": "w", "sent": 4, "errors": 0, "retries": null } ], "ghost": { "x": 1 } } },
          { "time": "2025-06-20", "unique_recipients": 11, "late_total": null, "mixed": "one",
            "messages": { "webhook": [ { "variation_api_id": "w", "sent": 5, "errors": 1, "retries": 2 } ] } }
        ] }
        """);

    /// <summary>Unknown fields whose names are not C# identifiers as they come, collide once PascalCased, or are a generated member's.</summary>
    private string OddNames() => WriteFile("odd-names.json", """
        { "message": "success", "data": [
          { "time": "2025-06-19", "2xx_count": 3, "p99/latency": 2.5,
            "messages": { "webhook": [ { "variation_api_id": "w", "sent": 4, "retry_count": 1, "retry-count": 2, "Sent": 5, "to_string": 6, "try_read": 7, "/int": 8 } ] } }
        ] }
        """);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonObject FragmentOf(CliResult result)
    {
        Assert.True(result.ExitCode == 3, result.ToString());
        var start = result.Stdout.IndexOf("\n{", StringComparison.Ordinal);
        Assert.True(start >= 0, result.Stdout);
        return JsonNode.Parse(result.Stdout.Substring(start))!.AsObject();
    }

    [Fact]
    public async Task Null_is_left_out_of_types_and_untypeable_values_are_listed_not_emitted()
    {
        var result = await CliRunner.RunAsync("schema", "check", Awkward());
        var fragment = FragmentOf(result);
        var text = fragment.ToJsonString();
        Assert.DoesNotContain("\"null\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"object\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[\"", text, StringComparison.Ordinal); // no union types
        var day = fragment["$defs"]!["day"]!["properties"]!.AsObject();
        Assert.Equal("integer", day["late_total"]!["type"]!.GetValue<string>());
        Assert.Equal(new[] { "late_total" }, day.Select(p => p.Key));
        Assert.Equal("integer", fragment["$defs"]!["webhook"]!["properties"]!["retries"]!["type"]!.GetValue<string>());
        Assert.Null(fragment["$defs"]!["messages"]); // the ghost channel is not an array

        var raw = result.Stdout.Substring(0, result.Stdout.IndexOf("JSON Schema fragment", StringComparison.Ordinal));
        Assert.Contains("kept as raw JSON in UnknownFields; the generator cannot type them yet", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("field 'tags' (array) on days", raw, StringComparison.Ordinal);
        Assert.Contains("field 'nothing' (null) on days", raw, StringComparison.Ordinal);
        Assert.Contains("field 'mixed' (integer|string) on days", raw, StringComparison.Ordinal);
        Assert.Contains("channel 'ghost' (object)", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_printed_fragment_merged_into_the_schema_generates_a_line_channel_with_no_diagnostics()
    {
        var result = await CliRunner.RunAsync("schema", "check", CliRunner.Data("multichannel-real.json"), Awkward(), OddNames());
        var fragment = FragmentOf(result);

        // Names that would not become distinct C# identifiers get an x-property-name; plain ones get none.
        var day = fragment["$defs"]!["day"]!["properties"]!.AsObject();
        Assert.Equal("Field2xxCount", day["2xx_count"]!["x-property-name"]!.GetValue<string>());
        Assert.Equal("P99latency", day["p99/latency"]!["x-property-name"]!.GetValue<string>());
        Assert.Null(day["late_total"]!["x-property-name"]);
        var webhookFields = fragment["$defs"]!["webhook"]!["properties"]!.AsObject();
        Assert.Null(webhookFields["retry-count"]!["x-property-name"]); // first of the two in ordinal order
        Assert.Equal("RetryCount2", webhookFields["retry_count"]!["x-property-name"]!.GetValue<string>());
        Assert.Equal("Sent2", webhookFields["Sent"]!["x-property-name"]!.GetValue<string>()); // "sent" is already Sent
        Assert.Equal("ToString2", webhookFields["to_string"]!["x-property-name"]!.GetValue<string>()); // generated members
        Assert.Equal("TryRead2", webhookFields["try_read"]!["x-property-name"]!.GetValue<string>());
        Assert.Equal("Fieldint", webhookFields["/int"]!["x-property-name"]!.GetValue<string>()); // "int" is a keyword
        Assert.Contains("some_future_field", result.Stdout, StringComparison.Ordinal); // listed, as an object...
        Assert.DoesNotContain("some_future_field", fragment.ToJsonString(), StringComparison.Ordinal); // ...not in the fragment

        var schema = JsonNode.Parse(File.ReadAllText(CliRunner.Data("campaign-data-series.schema.json")))!.AsObject();
        schema["x-namespace"] = "Consumer.Models"; // beside the runtime's own models, not on top of them
        DeepMerge(schema, fragment);
        var schemaText = schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var compilation = CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Anchor { } }", parseOptions) },
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new SchemaGenerator().AsSourceGenerator() },
            new[] { new InMemoryText(Path.Combine(_dir, "campaign-data-series.schema.json"), schemaText) },
            parseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var run = driver.GetRunResult();

        Assert.Null(run.Results.Single().Exception);
        Assert.Empty(driverDiagnostics);
        Assert.Empty(run.Diagnostics);
        var compileProblems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(compileProblems.Count == 0, string.Join("\n", compileProblems));

        var line = output.GetTypeByMetadataName("Consumer.Models.LineVariation");
        Assert.NotNull(line);
        Assert.Contains(line!.GetMembers(), m => m.Name == "Read");
        Assert.Contains(line.AllInterfaces, i => i.Name == nameof(IVariation));
        var webhook = output.GetTypeByMetadataName("Consumer.Models.WebhookVariation")!;
        Assert.Contains(webhook.GetMembers(), m => m.Name == "LatencyP99Ms");
    }

    private static void DeepMerge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source.ToList())
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                DeepMerge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>The shared framework, plus the runtime library and NodaTime that generated code uses.</summary>
    private static IEnumerable<MetadataReference> References()
    {
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return tpa
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal) && p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Concat(new[] { typeof(ChannelCatalogue).Assembly.Location, typeof(NodaTime.LocalDate).Assembly.Location })
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
