using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CampaignAnalytics.Generators.Tests.Infrastructure;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// <c>--schema PATH</c>: the catalogue read from a schema file at run time. On the bundled schema every command's output
/// is byte-identical to the built-in catalogue's; a schema with a new channel (<c>line</c>) brings it to report, compare,
/// export, schema check and fetch --store with no rebuild; a schema the build would refuse is one located user error.
/// </summary>
public sealed class SchemaOptionTests : IDisposable
{
    private static readonly string Bundled = CliRunner.Data("campaign-data-series.schema.json");
    private static readonly string Multichannel = CliRunner.Data("multichannel-real.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-schema-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string LineSchema()
    {
        var path = Path.Combine(_dir, "line.schema.json");
        File.WriteAllText(path, TestSchemas.ConsumerWithLineText());
        return path;
    }

    public static TheoryData<string, string[]> Commands() => new()
    {
        { "spring-sale.json", new[] { "report" } },
        { "spring-sale.json", new[] { "report", "--by", "week", "--format", "csv" } },
        { "spring-sale.json", new[] { "report", "--by", "month", "--format", "json" } },
        { "spring-sale.json", new[] { "compare", "--channel", "email" } },
        { "spring-sale.json", new[] { "compare", "--channel", "email", "--rate", "UniqueClickRate", "--format", "json" } },
        { "spring-sale.json", new[] { "compare", "--channel", "ios_push", "--format", "csv" } },
        { "multichannel-real.json", new[] { "report", "--format", "csv" } },
        { "multichannel-real.json", new[] { "compare", "--channel", "email", "--format", "csv" } },
        { "multichannel-real.json", new[] { "schema", "check" } },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task On_the_bundled_schema_every_command_writes_exactly_what_the_built_in_catalogue_writes(string file, string[] command)
    {
        var args = command.Append(CliRunner.Data(file)).ToArray();
        var builtIn = await CliRunner.RunAsync(args);
        var runtime = await CliRunner.RunAsync(args.Prepend(Bundled).Prepend("--schema"));
        Assert.True(builtIn.ExitCode is 0 or 3, builtIn.ToString());
        Assert.Equal(builtIn.ExitCode, runtime.ExitCode);
        // Only schema check names the schema (the file its fragment goes into): the given path instead of the bundled one's.
        Assert.Equal(builtIn.Stdout, runtime.Stdout.Replace(Bundled, "schema/campaign-data-series.schema.json", StringComparison.Ordinal));
        Assert.Equal(builtIn.Stderr, runtime.Stderr);
        Assert.NotEmpty(builtIn.Stdout);
    }

    [Theory]
    [InlineData("spring-sale.json", "long")]
    [InlineData("spring-sale.json", "wide")]
    [InlineData("multichannel-real.json", "long")]
    [InlineData("multichannel-real.json", "wide")]
    public async Task On_the_bundled_schema_export_writes_the_same_bytes(string file, string layout)
    {
        var path = Path.Combine(_dir, "out.csv");
        var builtIn = await CliRunner.RunAsync("export", CliRunner.Data(file), "--layout", layout, "--out", path);
        Assert.True(builtIn.ExitCode == 0, builtIn.ToString());
        var expected = File.ReadAllBytes(path);
        File.Delete(path);

        var runtime = await CliRunner.RunAsync("export", CliRunner.Data(file), "--layout", layout, "--out", path, "--schema", Bundled);
        Assert.True(runtime.ExitCode == 0, runtime.ToString());
        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Equal(builtIn.Stdout + builtIn.Stderr, runtime.Stdout + runtime.Stderr);
    }

    [Fact]
    public async Task A_channel_added_to_the_schema_reaches_report_without_a_rebuild()
    {
        var before = await CliRunner.RunAsync("report", Multichannel, "--format", "csv");
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.DoesNotContain(",line,", before.Stdout, StringComparison.Ordinal);
        Assert.Contains("unknown channel (line)", before.Stderr, StringComparison.Ordinal);

        var after = await CliRunner.RunAsync("report", Multichannel, "--format", "csv", "--schema", LineSchema());
        Assert.True(after.ExitCode == 0, after.ToString());
        var line = Csv.Parse(after.Stdout).Single(r => r[3] == "line");
        Assert.Equal(new[] { "2025-06-19", "2025-06-19", "multichannel-real", "line", "8a4b-line", "", "ReadRate", "9", "12", "0.75", "1", "false" }, line);
        Assert.DoesNotContain("unknown channel", after.Stderr, StringComparison.Ordinal);

        // Every other row is the built-in catalogue's.
        Assert.Equal(before.Stdout.Split('\n').Length + 1, after.Stdout.Split('\n').Length);
        Assert.All(before.Stdout.Split('\n'), row => Assert.Contains(row, after.Stdout, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_channel_added_to_the_schema_reaches_compare_export_and_schema_check()
    {
        var schema = LineSchema();
        var compare = await CliRunner.RunAsync("--schema", schema, "compare", Multichannel, "--channel", "line", "--rate", "ReadRate", "--format", "csv");
        Assert.True(compare.ExitCode == 0, compare.ToString());
        var arm = Csv.Parse(compare.Stdout)[1];
        Assert.Equal(new[] { "8a4b-line", "", "12", "9", "0.75" }, arm.Take(5));

        var path = Path.Combine(_dir, "long.csv");
        var export = await CliRunner.RunAsync("export", Multichannel, "--layout", "long", "--out", path, "--schema", schema);
        Assert.True(export.ExitCode == 0, export.ToString());
        var values = Csv.Parse(File.ReadAllText(path)).Where(r => r[2] == "line").Select(r => (r[5], r[6])).ToList();
        Assert.Equal(new[] { ("sent", "12"), ("read", "9") }, values);
        Assert.DoesNotContain("unknown channel", export.Stderr, StringComparison.Ordinal);

        // schema check measures the input against --schema's schema, and says where its fragment goes.
        var check = await CliRunner.RunAsync("schema", "check", Multichannel, "--schema", schema);
        Assert.True(check.ExitCode == 3, check.ToString());
        Assert.DoesNotContain("unknown channel 'line'", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("unknown field 'latency_p99_ms' (number) on 'webhook' elements", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("JSON Schema fragment to merge into " + schema + ":", check.Stdout, StringComparison.Ordinal);

        var builtIn = await CliRunner.RunAsync("schema", "check", Multichannel);
        Assert.Contains("unknown channel 'line'", builtIn.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_into_a_store_with_the_schema_keeps_the_new_channel_for_report()
    {
        var day = JsonNode.Parse(File.ReadAllText(Multichannel))!["data"]![0]!.ToJsonString();
        using var server = new FakeBrazeServer(r =>
        {
            var days = FakeBrazeServer.DaysFor(r).Select(d => JsonNode.Parse(day)!.AsObject()).ToList();
            var dates = FakeBrazeServer.DaysFor(r);
            for (var i = 0; i < days.Count; i++)
            {
                days[i]["time"] = dates[i].ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
            }

            var body = new JsonObject { ["message"] = "success", ["data"] = new JsonArray(days.Select(d => (JsonNode)d).ToArray()) };
            return Task.FromResult(new FakeResponse(200, body.ToJsonString()));
        });
        var store = Path.Combine(_dir, "campaigns.db");
        var schema = LineSchema();
        var fetch = await CliRunner.RunAsync(
            new[] { "fetch", "--campaign", "cmp-line", "--from", "2025-03-01", "--to", "2025-03-07", "--endpoint", server.BaseUri.ToString(), "--store", store, "--schema", schema },
            new Dictionary<string, string?> { ["BRAZE_API_KEY"] = "test-key-7d2e41aa" });
        Assert.True(fetch.ExitCode == 0, fetch.ToString());

        var report = await CliRunner.RunAsync("report", "--store", store, "--campaign", "cmp-line", "--by", "week", "--format", "csv", "--schema", schema);
        Assert.True(report.ExitCode == 0, report.ToString());
        var rows = Csv.Parse(report.Stdout).Where(r => r[3] == "line" && r[6] == "ReadRate").ToList();
        Assert.Equal(new[] { ("2025-02-24", "2025-03-02", "18", "24"), ("2025-03-03", "2025-03-09", "45", "60") }, rows.Select(r => (r[0], r[1], r[7], r[8])));

        // The store keeps the days whole, so the built-in catalogue still reads them, with the channel kept as unknown.
        var builtIn = await CliRunner.RunAsync("report", "--store", store, "--campaign", "cmp-line", "--format", "csv");
        Assert.True(builtIn.ExitCode == 0, builtIn.ToString());
        Assert.Contains("unknown channel (line)", builtIn.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_schema_that_is_no_daily_series_is_one_located_line_not_a_wrong_reading()
    {
        // The Canvas series names the campaign series' shapes by a cross-file $ref: beside it, the $ref resolves and the
        // refusal says what --schema reads; alone, the missing file is named.
        var canvas = Path.Combine(_dir, "canvas-data-series.schema.json");
        File.Copy(CliRunner.Data("canvas-data-series.schema.json"), canvas);
        var alone = await CliRunner.RunAsync("report", Multichannel, "--schema", canvas);
        UserErrorTests.AssertUserError(alone, $"campaign-analytics: {canvas}:");
        Assert.Contains("CAG004: The $ref 'campaign-data-series.schema.json#/$defs/messages' points to a definition that does not exist (no schema file 'campaign-data-series.schema.json' next to this one", alone.Stderr, StringComparison.Ordinal);

        File.Copy(Bundled, Path.Combine(_dir, "campaign-data-series.schema.json"));
        var beside = await CliRunner.RunAsync("report", Multichannel, "--schema", canvas);
        UserErrorTests.AssertUserError(beside, $"campaign-analytics: {canvas}:1:1: CAG008: --schema reads a data-series schema at run time, and its root is a plain model");
        Assert.Empty(beside.Stdout);
    }

    [Fact]
    public async Task A_schema_the_build_would_refuse_is_one_line_naming_file_line_column_and_diagnostic()
    {
        // The line shape's ReadRate (the last one: WhatsApp has a ReadRate of its own) names a metric it lacks.
        var text = TestSchemas.ConsumerWithLineText();
        var at = text.LastIndexOf("\"numerator\": \"read\"", StringComparison.Ordinal);
        text = text[..at] + "\"numerator\": \"reed\"" + text[(at + "\"numerator\": \"read\"".Length)..];
        var path = Path.Combine(_dir, "broken.schema.json");
        File.WriteAllText(path, text);
        // CAG009 points at the value naming the metric, as the build does.
        var entry = text.IndexOf("\"reed\"", StringComparison.Ordinal);
        var line = text[..entry].Count(c => c == '\n') + 1;
        var column = entry - text.LastIndexOf('\n', entry);

        foreach (var args in new[]
        {
            new[] { "report", Multichannel, "--schema", path },
            new[] { "--schema", path, "compare", Multichannel, "--channel", "line" },
            new[] { "export", Multichannel, "--layout", "long", "--out", Path.Combine(_dir, "x.csv"), "--schema", path },
            new[] { "schema", "check", Multichannel, "--schema", path },
        })
        {
            var result = await CliRunner.RunAsync(args);
            UserErrorTests.AssertUserError(result, $"campaign-analytics: {path}:{line}:{column}: CAG009: 'ReadRate' names the metric 'reed', which the shape 'LineVariation' does not have");
            Assert.Empty(result.Stdout);
        }

        var notJson = Path.Combine(_dir, "not-json.schema.json");
        File.WriteAllText(notJson, "{\n  \"type\": \"object\",\n  oops\n}\n");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("report", Multichannel, "--schema", notJson), $"{notJson}:3:3: CAG001: The schema file is not valid JSON");

        UserErrorTests.AssertUserError(await CliRunner.RunAsync("report", Multichannel, "--schema", Path.Combine(_dir, "nope.schema.json")), "--schema", "nope.schema.json: file not found.");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("report", Multichannel, "--schema", _dir), "--schema", "is a directory");
    }
}
