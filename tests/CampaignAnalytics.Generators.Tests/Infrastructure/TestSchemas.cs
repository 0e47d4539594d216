using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignAnalytics.Generators.Tests.Infrastructure;

/// <summary>The schemas the tests feed the generator, under stable virtual paths (paths end up in diagnostics).</summary>
internal static class TestSchemas
{
    public const string RealPath = "/repo/schema/campaign-data-series.schema.json";
    public const string ConsumerPath = "/consumer/schema/consumer-data-series.schema.json";

    public static TestAdditionalText Real() => new(RealPath, RepoPaths.RealSchemaText);

    /// <summary>Every schema of the repository's schema folder (the series and the endpoints that share its shapes), under /repo/schema/.</summary>
    public static TestAdditionalText[] All() => System.IO.Directory.GetFiles(System.IO.Path.Combine(RepoPaths.Root, "schema"), "*.schema.json")
        .OrderBy(p => p, System.StringComparer.Ordinal)
        .Select(p => new TestAdditionalText("/repo/schema/" + System.IO.Path.GetFileName(p), System.IO.File.ReadAllText(p)))
        .ToArray();

    /// <summary>
    /// "Adding a channel is one schema edit": the real schema under another namespace with one more
    /// channel, <c>line</c>, with its own shape (sent, delivered, read) and a ReadRate.
    /// </summary>
    public static string ConsumerWithLineText()
    {
        var root = JsonNode.Parse(RepoPaths.RealSchemaText)!.AsObject();
        root["x-namespace"] = "Consumer.Models";
        var defs = root["$defs"]!.AsObject();
        defs["line"] = JsonNode.Parse("""
            {
              "type": "object",
              "x-type-name": "LineVariation",
              "description": "Statistics of one LINE variation on one day.",
              "allOf": [ { "$ref": "#/$defs/variation" } ],
              "properties": {
                "sent": { "type": "integer", "minimum": 0, "description": "Messages sent." },
                "delivered": { "type": "integer", "minimum": 0, "description": "Messages delivered." },
                "read": { "type": "integer", "minimum": 0, "description": "Messages read." }
              },
              "x-rates": [
                { "name": "ReadRate", "numerator": "read", "denominator": "sent", "description": "Reads per send." }
              ]
            }
            """);
        defs["messages"]!["properties"]!.AsObject()["line"] = JsonNode.Parse("""
            { "type": "array", "x-display-name": "LINE", "description": "LINE variations.", "items": { "$ref": "#/$defs/line" } }
            """);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Replace("\r\n", "\n");
    }

    public static TestAdditionalText ConsumerWithLine() => new(ConsumerPath, ConsumerWithLineText());
}
