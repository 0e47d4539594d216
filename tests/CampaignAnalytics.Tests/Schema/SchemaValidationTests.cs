using System.IO;
using System.Linq;
using System.Text.Json;
using Json.Schema;

namespace CampaignAnalytics.Tests.Schema;

/// <summary>The schema is a real JSON Schema 2020-12 document that other tools can use.</summary>
public class SchemaValidationTests
{
    private static readonly string SchemaPath = Path.Combine(TestPaths.RepoRoot, "schema", "campaign-data-series.schema.json");

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    // Built once: JsonSchema.Net registers a schema under its $id and refuses to register it twice.
    private static readonly System.Lazy<JsonSchema> LazySchema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    private static JsonSchema Schema => LazySchema.Value;

    private static string Errors(EvaluationResults results) =>
        string.Join("\n", (results.Details ?? new System.Collections.Generic.List<EvaluationResults>())
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Key + " " + e.Value)));

    [Fact]
    public void Schema_is_valid_against_the_2020_12_meta_schema()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", doc.RootElement.GetProperty("$schema").GetString());
        var results = MetaSchemas.Draft202012.Evaluate(doc.RootElement, Options);
        Assert.True(results.IsValid, Errors(results));
    }

    [Theory]
    [InlineData("multichannel-real.json")]
    [InlineData("multivariate-iam.json")]
    public void Real_payloads_validate(string name)
    {
        using var doc = JsonDocument.Parse(TestPaths.PayloadBytes(name));
        var results = Schema.Evaluate(doc.RootElement, Options);
        Assert.True(results.IsValid, Errors(results));
    }

    [Theory]
    [InlineData("{\"message\":\"success\",\"data\":[{\"time\":\"2025-01-01\",\"messages\":{\"email\":[{\"sent\":\"12\"}]}}]}", "/data/0/messages/email/0/sent")]
    [InlineData("{\"message\":\"success\",\"data\":[{\"time\":\"not a date\"}]}", "/data/0/time")]
    [InlineData("{\"message\":\"success\",\"data\":[{\"messages\":{}}]}", "/data/0")]
    [InlineData("{\"message\":\"success\",\"data\":[{\"time\":\"2025-01-01\",\"messages\":{\"ios_push\":[{\"notif_button_1_x_click\":-1}]}}]}", "/data/0/messages/ios_push/0/notif_button_1_x_click")]
    [InlineData("{\"data\":[]}", "")]
    public void Invalid_payloads_are_rejected_where_they_are_wrong(string json, string location)
    {
        using var doc = JsonDocument.Parse(json);
        var results = Schema.Evaluate(doc.RootElement, Options);
        Assert.False(results.IsValid);
        Assert.Contains(results.Details!, d => d.Errors is not null && d.InstanceLocation.ToString() == location);
    }

    [Fact]
    public void Every_channel_declares_rates_whose_metrics_exist()
    {
        // The generator enforces this (CAG009); here the catalogue proves it for the shipped schema.
        foreach (var channel in CampaignAnalytics.Models.CampaignDataSeriesCatalogue.Instance.Channels)
        {
            Assert.NotEmpty(channel.Rates);
            Assert.Contains(channel.Rates, r => r.Name == "ConversionRate");
            Assert.False(string.IsNullOrWhiteSpace(channel.Description));
            Assert.All(channel.Metrics, m => Assert.False(string.IsNullOrWhiteSpace(m.Description)));
        }
    }
}
