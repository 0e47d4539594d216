using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Models;
using CampaignAnalytics.Schemas;
using CampaignAnalytics.Store;
using CampaignAnalytics.Tests.Models;

namespace CampaignAnalytics.Tests.Schemas;

/// <summary>
/// The catalogue built from the bundled schema at run time against the generated one: the same declarations, and on
/// every input the same values and JSON, or the same reader error (path, problem, line, column, byte).
/// </summary>
public class SchemaCatalogueTests
{
    private static readonly Lazy<SchemaCatalogue> s_runtime = new(() => SchemaCatalogue.Load(BundledSchemaPath));

    private static string BundledSchemaPath => Path.Combine(TestPaths.RepoRoot, "schema", "campaign-data-series.schema.json");

    private static ChannelCatalogue Generated => CampaignDataSeriesCatalogue.Instance;

    private static SchemaCatalogue Runtime => s_runtime.Value;

    [Fact]
    public void It_declares_what_the_generated_catalogue_declares()
    {
        Assert.Equal(CatalogueParity.Describe(Generated), CatalogueParity.Describe(Runtime));
        Assert.Equal(typeof(SchemaVariation), Runtime.FindChannel("email")!.VariationType);
        Assert.Equal(typeof(SchemaResponse), Runtime.ResponseType);
        Assert.Equal(typeof(SchemaDay), Runtime.DayType);
    }

    public static IEnumerable<object[]> Payloads() => new[]
    {
        new object[] { TestPaths.Payload("multichannel-real.json") },
        new object[] { TestPaths.Payload("multivariate-iam.json") },
        new object[] { Path.Combine(TestPaths.RepoRoot, "notebooks", "data", "spring-sale.json") },
        new object[] { Path.Combine(TestPaths.RepoRoot, "notebooks", "data", "welcome-series.json") },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Real_payloads_read_to_the_same_values_and_JSON(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var expected = CatalogueParity.Outcome(Generated, bytes);
        Assert.StartsWith("ok ", expected, StringComparison.Ordinal);
        Assert.Equal(expected, CatalogueParity.Outcome(Runtime, bytes));
    }

    [Theory]
    [MemberData(nameof(FuzzTests.Seeds), MemberType = typeof(FuzzTests))]
    public void Mutated_payloads_give_the_same_values_or_the_same_error(string payload, int seed)
    {
        var original = TestPaths.PayloadBytes(payload);
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 600; i++)
        {
            var (kind, input) = FuzzTests.Mutate(original, random);
            var expected = CatalogueParity.Outcome(Generated, input);
            var actual = CatalogueParity.Outcome(Runtime, input);
            Assert.True(expected == actual, $"Mutation {i} ({kind}):\ngenerated: {Cut(expected)}\nruntime:   {Cut(actual)}");
            var key = kind + (expected.StartsWith("ok ", StringComparison.Ordinal) ? ":ok" : ":error");
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }

        // Both outcomes occurred, many times, over every kind of mutation.
        Assert.Equal(7, outcomes.Keys.Select(k => k.Split(':')[0]).Distinct().Count());
        Assert.True(outcomes.Where(p => p.Key.EndsWith(":ok", StringComparison.Ordinal)).Sum(p => p.Value) >= 50, string.Join(", ", outcomes));
        Assert.True(outcomes.Where(p => p.Key.EndsWith(":error", StringComparison.Ordinal)).Sum(p => p.Value) >= 200, string.Join(", ", outcomes));
    }

    [Fact]
    public void Random_payloads_over_every_channel_metric_and_group_read_the_same()
    {
        var payloads = new RandomPayloads(17, Generated);
        for (var i = 0; i < 200; i++)
        {
            var input = payloads.Response();
            Assert.Equal(CatalogueParity.Outcome(Generated, input), CatalogueParity.Outcome(Runtime, input));
        }
    }

    public static IEnumerable<object[]> BadInputs() => new[]
    {
        "{\"email\":[{\"sent\":99999999999999999999}]}",
        "{\"email\":[{\"sent\":1.5}]}",
        "{\"email\":[{\"sent\":-0}]}",
        "{\"email\":[{\"sent\":-3}]}",
        "{\"email\":[{\"sent\":null}]}",
        "{\"email\":[{\"sent\":1,\"sent\":2}]}",
        "{\"email\":[{\"x\":1,\"x\":2}]}",
        "{\"ios_push\":[{\"notif_button_1_a_click\":1,\"notif_button_1_a_click\":1}]}",
        "{\"ios_push\":[{\"notif_button_1_a_click\":-1}]}",
        "{\"ios_push\":[{\"carousel_slide_\\u0031_click\":\"a\"}]}",
        "{\"email\":{}}",
        "{\"email\":[{\"revenue\":1e400}]}",
        "{\"email\":[{\"variation_name\":5}]}",
        "{\"email\":[3]}",
        "{\"we ird\":[{\"sent\":\"x\"}],\"email\":[{\"sent\":true}]}",
        "{\"em\\u0061il\":[{\"s\\u0065nt\":\"x\"}]}",
        "{\"email\":[{\"\\ud800\":1}]}",
        "{\"email\":[{\"sent\":1}]",
        "{\"email\":[{\"sent\":1}]}} trailing",
    }.Select(m => new object[] { m });

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Each_bad_value_gives_the_same_located_error(string messages)
    {
        var input = Encoding.UTF8.GetBytes("{\"message\":\"success\",\"data\":[{\"time\":\"2025-01-01\",\"messages\":" + messages + "}]}");
        var expected = CatalogueParity.Outcome(Generated, input);
        Assert.StartsWith("error ", expected, StringComparison.Ordinal);
        Assert.Equal(expected, CatalogueParity.Outcome(Runtime, input));
    }

    [Theory]
    [InlineData("{\"data\":[]}")]
    [InlineData("{\"message\":\"success\",\"data\":[{\"messages\":{}}]}")]
    [InlineData("{\"message\":\"success\",\"data\":[{\"time\":\"2025-02-30\"}]}")]
    [InlineData("\uFEFF{\"message\":\"success\",\"data\":[]}")]
    [InlineData("[]")]
    [InlineData("")]
    public void Missing_fields_bad_dates_and_other_shapes_give_the_same_outcome(string json)
    {
        var input = Encoding.UTF8.GetBytes(json);
        Assert.Equal(CatalogueParity.Outcome(Generated, input), CatalogueParity.Outcome(Runtime, input));
    }

    [Fact]
    public void Days_parse_write_and_make_responses_as_the_generated_ones_do()
    {
        var bytes = TestPaths.PayloadBytes("multichannel-real.json");
        var generated = Generated.ParseResponse(bytes);
        var runtime = Runtime.ParseResponse(bytes);
        for (var i = 0; i < generated.Data!.Count; i++)
        {
            var dayJson = Generated.DayToUtf8Json(generated.Data[i]);
            Assert.Equal(dayJson, Runtime.DayToUtf8Json(runtime.Data![i]));
            Assert.Equal(dayJson, Runtime.DayToUtf8Json(Runtime.ParseDay(dayJson)));
        }

        Assert.Equal(
            Generated.ToUtf8Json(Generated.CreateMergedResponse(generated.Data), indented: true),
            Runtime.ToUtf8Json(Runtime.CreateMergedResponse(runtime.Data!), indented: true));
    }

    [Fact]
    public void A_store_keeps_and_gives_back_the_same_days()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.RepoRoot, "notebooks", "data", "spring-sale.json"));
        var folder = Directory.CreateTempSubdirectory("schema-store-");
        try
        {
            string Stored(ChannelCatalogue catalogue, string file)
            {
                using var store = CampaignStore.Open(Path.Combine(folder.FullName, file), catalogue);
                store.UpsertResponse("spring-sale", catalogue.ParseResponse(bytes));
                return Encoding.UTF8.GetString(catalogue.ToUtf8Json(catalogue.CreateMergedResponse(store.ReadDays("spring-sale").Days)));
            }

            Assert.Equal(Stored(Generated, "generated.db"), Stored(Runtime, "runtime.db"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_model_of_another_schema_or_type_is_refused_never_read_as_this_one()
    {
        var day = Generated.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json")).Data![0];
        var email = Runtime.FindChannel("email")!;
        Assert.Throws<ArgumentException>(() => email.GetVariations(day));
        Assert.Throws<ArgumentException>(() => Runtime.DayToUtf8Json(day));

        var other = SchemaCatalogue.Load(BundledSchemaPath);
        var otherDay = other.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json")).Data![0];
        var e = Assert.Throws<ArgumentException>(() => email.GetVariations(otherDay));
        Assert.Contains("of another schema", e.Message, StringComparison.Ordinal);

        var runtimeDay = Runtime.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json")).Data![0];
        var element = email.GetVariations(runtimeDay)[0];
        Assert.Throws<ArgumentException>(() => Runtime.FindChannel("ios_push")!.FindMetric("direct_opens")!.GetCount(element));
    }

    [Fact]
    public void Values_can_be_read_by_their_JSON_names()
    {
        var response = (SchemaResponse)Runtime.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json"));
        var day = (SchemaDay)response.Data![0];
        var email = (SchemaVariation)Runtime.FindChannel("email")!.GetVariations(day)[0];
        Assert.Equal("EmailVariation", email.TypeName);
        Assert.Equal(750L, email.GetCount("delivered"));
        Assert.Equal(Generated.FindChannel("email")!.FindMetric("revenue")!.GetValue(Generated.FindChannel("email")!.GetVariations(Generated.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json")).Data![0])[0]), email.GetAmount("revenue"));
        Assert.Equal(day.Time, day.GetDate("time"));
        Assert.Same(day.Messages, day.GetModel("messages"));
        Assert.Same(email, day.GetModel("messages")!.GetModels("email")![0]);
        Assert.Equal("success", response.GetString("message"));

        Assert.Throws<ArgumentException>(() => email.GetCount("no_such_field"));
        Assert.Throws<ArgumentException>(() => email.GetCount("revenue")); // an amount, not a count
        Assert.Throws<ArgumentException>(() => email.GetPatternCounts("NotificationButtonClicks"));
        Assert.StartsWith("{\"variation_api_id\":", email.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_schema_fails_with_the_generators_diagnostic_located_in_the_file()
    {
        var text = File.ReadAllText(BundledSchemaPath).Replace("\"numerator\": \"unique_clicks\"", "\"numerator\": \"unique_clickz\"", StringComparison.Ordinal);
        Assert.NotEqual(File.ReadAllText(BundledSchemaPath), text);
        var e = Assert.Throws<CampaignSchemaException>(() => SchemaCatalogue.Parse(text, "my.schema.json"));
        var first = e.Diagnostics[0];
        Assert.Equal("CAG009", first.Id);
        Assert.Equal("my.schema.json", first.FilePath);
        // CAG009 points at the value naming the metric, as the build does.
        var entry = text.IndexOf("\"unique_clickz\"", StringComparison.Ordinal);
        var line = text[..entry].Count(c => c == '\n') + 1;
        Assert.Equal(entry - text.LastIndexOf('\n', entry), first.Column);
        Assert.Equal(line, first.Line);
        Assert.StartsWith($"my.schema.json:{line}:{first.Column}: CAG009: '", e.Message, StringComparison.Ordinal);
        Assert.Contains("names the metric 'unique_clickz', which the shape", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Several_problems_are_counted_after_the_first()
    {
        var e = Assert.Throws<CampaignSchemaException>(() => SchemaCatalogue.Parse("{\"type\": \"object\", \"foo\": 1, \"bar\": 2}", "x.schema.json"));
        Assert.True(e.Diagnostics.Count >= 2);
        Assert.Equal("x.schema.json:1:20: CAG002: The keyword 'foo' is not supported by the generator", e.Diagnostics[0].ToString());
        Assert.EndsWith($" (and {e.Diagnostics.Count - 1} more problem{(e.Diagnostics.Count == 2 ? string.Empty : "s")})", e.Message, StringComparison.Ordinal);
    }

    private static string Cut(string text) => text.Length <= 2000 ? text : text[..2000] + "…";
}
