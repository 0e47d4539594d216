using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace CampaignAnalytics.Packaging.Tests;

/// <summary>What the packages hold, and a consumer with a schema of its own built and run against them.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageTests(PackagesFixture packages)
{
    private static XElement Nuspec(ZipArchive zip, string id)
    {
        using var stream = zip.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Meta(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    [Fact]
    public void Core_package_holds_the_library_the_generator_and_the_consumer_props()
    {
        using var zip = ZipFile.OpenRead(packages.Package("CampaignAnalytics"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net10.0/CampaignAnalytics.dll", entries);
        Assert.Contains("lib/net10.0/CampaignAnalytics.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/CampaignAnalytics.Generators.dll", entries);
        Assert.Contains("buildTransitive/CampaignAnalytics.props", entries);
        Assert.Contains("schema/campaign-data-series.schema.json", entries);
        Assert.Contains("README.md", entries);

        var metadata = Nuspec(zip, "CampaignAnalytics");
        Assert.Equal(packages.Version, Meta(metadata, "version"));
        Assert.Equal("MIT", Meta(metadata, "license"));
        Assert.Equal("README.md", Meta(metadata, "readme"));
        Assert.False(string.IsNullOrWhiteSpace(Meta(metadata, "description")));
        Assert.Contains("braze", Meta(metadata, "tags")!, StringComparison.Ordinal);
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
        Assert.Contains("NodaTime", dependencies);
        Assert.DoesNotContain(dependencies, d => d.Contains("Generators", StringComparison.Ordinal) || d.Contains("SourceLink", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.ChangeExtension(packages.Package("CampaignAnalytics"), ".snupkg")), "no symbol package");
    }

    [Fact]
    public void Charts_package_depends_on_the_same_core_version_and_scottplot()
    {
        using var zip = ZipFile.OpenRead(packages.Package("CampaignAnalytics.Charts"));
        Assert.Contains("lib/net10.0/CampaignAnalytics.Charts.dll", zip.Entries.Select(e => e.FullName));
        var dependencies = Nuspec(zip, "CampaignAnalytics.Charts").Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);
        Assert.Equal(packages.Version, dependencies["CampaignAnalytics"]);
        Assert.Equal("5.1.59", dependencies["ScottPlot"]);
    }

    [Fact]
    public void Fsharp_package_holds_the_documented_library_and_depends_on_the_same_core_version_and_fsharp_core()
    {
        using var zip = ZipFile.OpenRead(packages.Package("CampaignAnalytics.FSharp"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net10.0/CampaignAnalytics.FSharp.dll", entries);
        Assert.Contains("lib/net10.0/CampaignAnalytics.FSharp.xml", entries);
        Assert.Contains("README.md", entries);
        var metadata = Nuspec(zip, "CampaignAnalytics.FSharp");
        Assert.Equal("MIT", Meta(metadata, "license"));
        Assert.False(string.IsNullOrWhiteSpace(Meta(metadata, "description")));
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);
        Assert.Equal(packages.Version, dependencies["CampaignAnalytics"]);
        Assert.Equal("10.0.111", dependencies["FSharp.Core"]);
        Assert.True(File.Exists(Path.ChangeExtension(packages.Package("CampaignAnalytics.FSharp"), ".snupkg")), "no symbol package");
    }

    [Fact]
    public void A_consumer_schema_with_a_new_channel_generates_types_that_work_with_every_helper()
    {
        var work = Directory.CreateTempSubdirectory("ca-consumer-").FullName;
        try
        {
            // The real schema under the consumer's own namespace, plus LINE with its own shape and a ReadRate.
            var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(DotNet.RepoRoot, "schema", "campaign-data-series.schema.json")))!.AsObject();
            schema["x-namespace"] = "Consumer.Models";
            schema["$defs"]!["line"] = JsonNode.Parse("""
                {
                  "type": "object", "x-type-name": "LineVariation", "description": "Statistics of one LINE variation on one day.",
                  "allOf": [ { "$ref": "#/$defs/variation" } ],
                  "properties": {
                    "sent": { "type": "integer", "minimum": 0, "description": "Messages sent." },
                    "read": { "type": "integer", "minimum": 0, "description": "Messages read." }
                  },
                  "x-rates": [ { "name": "ReadRate", "numerator": "read", "denominator": "sent", "description": "Reads per send." } ]
                }
                """);
            schema["$defs"]!["messages"]!["properties"]!["line"] = JsonNode.Parse("""
                { "type": "array", "x-display-name": "LINE", "description": "LINE variations.", "items": { "$ref": "#/$defs/line" } }
                """);
            Directory.CreateDirectory(Path.Combine(work, "schemas"));
            File.WriteAllText(Path.Combine(work, "schemas", "braze-with-line.schema.json"), schema.ToJsonString());
            File.Copy(Path.Combine(DotNet.RepoRoot, "tests", "CampaignAnalytics.Tests", "Payloads", "multichannel-real.json"), Path.Combine(work, "payload.json"));

            // Only ADDS the local folder: the machine's own sources still serve the dependencies.
            File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="campaign-analytics-test" value="{packages.Folder}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(work, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="CampaignAnalytics" Version="{packages.Version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(work, "Program.cs"), """
                using CampaignAnalytics.Frames;
                using CampaignAnalytics.Rates;
                using Consumer.Models;

                var catalogue = CampaignDataSeriesCatalogue.Instance;
                var response = CampaignDataSeriesResponse.Parse(File.ReadAllBytes("payload.json"));
                Console.WriteLine("channels: " + string.Join(",", catalogue.Channels.Select(c => c.Key)));

                // Typed access to the new channel's record.
                LineVariation line = response.Data![0].Messages!.Line![0];
                Console.WriteLine($"line record: {line.VariationApiId} sent={line.Sent} read={line.Read}");

                var readRate = catalogue.FindChannel("line")!.FindRate("ReadRate")!;
                Console.WriteLine($"ReadRate: {readRate} = {readRate.Evaluate(line):0.00}");

                var data = CampaignDataSet.Create(catalogue, "c1", response);
                var rows = CampaignRates.Compute(data).Where(r => r.Channel == "line");
                Console.WriteLine("line rates: " + string.Join(",", rows.Select(r => $"{r.Rate}={r.Value:0.00}")));
                Console.WriteLine("line columns: " + string.Join(",", data.ToWideFrame("line").Columns.Select(c => c.Name)));
                Console.WriteLine("unknown channels: " + data.UnknownChannels.Count);

                // The package's own models are still there, apart, and see line as unknown.
                var bundled = CampaignAnalytics.Models.CampaignDataSeriesCatalogue.Instance;
                var old = CampaignDataSet.Create(bundled, "c1", bundled.ParseResponse(File.ReadAllBytes("payload.json")));
                Console.WriteLine("bundled unknown channels: " + string.Join(",", old.UnknownChannels.Select(u => u.ChannelKey)));
                """);

            var result = DotNet.Run(work, ["run"], TimeSpan.FromMinutes(4), packages.Environment);
            Assert.True(result.ExitCode == 0, result.Describe("dotnet run (consumer)"));
            var stdout = result.Stdout;
            Assert.Contains("channels: ios_push,android_push,kindle_push,web_push,webhook,email,sms,whats_app,content_cards,in_app_message,trigger_in_app_message,line", stdout, StringComparison.Ordinal);
            Assert.Contains("line record: 8a4b-line sent=12 read=9", stdout, StringComparison.Ordinal);
            Assert.Contains("ReadRate: ReadRate = read / sent = 0.75", stdout, StringComparison.Ordinal);
            Assert.Contains("line rates: ", stdout, StringComparison.Ordinal);
            Assert.Contains("ReadRate=0.75", stdout, StringComparison.Ordinal);
            Assert.Contains("line columns: campaign_id,date,variation_api_id,variation_name,", stdout, StringComparison.Ordinal);
            Assert.Matches("line columns: .*,sent,read", stdout);
            Assert.Contains("unknown channels: 0", stdout, StringComparison.Ordinal);
            Assert.Contains("bundled unknown channels: line", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
