using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CampaignAnalytics.Frames;
using Parquet;
using static CampaignAnalytics.Cli.Tests.Library;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>The remaining command × format × option combinations: --campaign-id, export long json, wide csv and parquet, report json.</summary>
public sealed class FormatCoverageTests : IDisposable
{
    private static readonly string Spring = CliRunner.Data("spring-sale.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-formats-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CampaignDataSet Data(string id = "spring-sale") => CampaignDataSet.Create(Cat, id, Load("spring-sale.json"));

    [Fact]
    public async Task Campaign_id_names_the_campaign_of_files_and_joins_them()
    {
        var report = await CliRunner.RunAsync("report", Spring, "--campaign-id", "cmp-42", "--by", "month", "--format", "csv");
        Assert.True(report.ExitCode == 0, report.ToString());
        var rows = Csv.Parse(report.Stdout).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("cmp-42", r[2]));

        // Two files of one campaign (split at 2025-04-15) read as one with --campaign-id: the same comparison as the whole file.
        var all = JsonDocument.Parse(File.ReadAllText(Spring)).RootElement.GetProperty("data").EnumerateArray().ToList();
        string Part(string name, Func<JsonElement, bool> keep)
        {
            var path = Path.Combine(_dir, name);
            File.WriteAllText(path, "{\"message\":\"success\",\"data\":[" + string.Join(",", all.Where(keep).Select(d => d.GetRawText())) + "]}");
            return path;
        }

        var early = Part("early.json", d => string.CompareOrdinal(d.GetProperty("time").GetString(), "2025-04-15") < 0);
        var late = Part("late.json", d => string.CompareOrdinal(d.GetProperty("time").GetString(), "2025-04-15") >= 0);
        var joined = await CliRunner.RunAsync("compare", early, late, "--campaign-id", "cmp-42", "--channel", "email", "--format", "json");
        var whole = await CliRunner.RunAsync("compare", Spring, "--campaign-id", "cmp-42", "--channel", "email", "--format", "json");
        Assert.True(joined.ExitCode == 0, joined.ToString());
        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.Equal(whole.Stdout, joined.Stdout);
        Assert.Equal("cmp-42", JsonDocument.Parse(joined.Stdout).RootElement.GetProperty("campaign_id").GetString());

        // Without --campaign-id the two files are two campaigns, which compare refuses.
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("compare", early, late, "--channel", "email"), "early", "late", "--campaign-id");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("report", Spring, "--campaign-id", " "), "--campaign-id");
    }

    [Fact]
    public async Task Export_long_json_holds_every_reported_value()
    {
        var path = Path.Combine(_dir, "long.out");
        var result = await CliRunner.RunAsync("export", Spring, "--layout", "long", "--format", "json", "--out", path, "--campaign-id", "cmp-7");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var rows = doc.RootElement.EnumerateArray().ToList();
        var expected = Data("cmp-7").Values.Where(v => v.Source != MetricSource.Derived).ToList();
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(new[] { "campaign_id", "date", "channel", "variation_api_id", "variation_name", "metric", "value" }, rows[0].EnumerateObject().Select(p => p.Name));
        for (var i = 0; i < expected.Count; i += 89)
        {
            var e = expected[i];
            var r = rows[i];
            Assert.Equal("cmp-7", r.GetProperty("campaign_id").GetString());
            Assert.Equal(e.Date.ToString("yyyy-MM-dd", null), r.GetProperty("date").GetString());
            Assert.Equal(e.Channel, r.GetProperty("channel").GetString());
            Assert.Equal(e.VariationName, r.GetProperty("variation_name").GetString());
            Assert.Equal(e.Metric, r.GetProperty("metric").GetString());
            Assert.Equal(e.Value, r.GetProperty("value").GetDouble());
        }
    }

    [Fact]
    public async Task Export_wide_csv_and_parquet_have_one_row_per_element_and_one_column_per_metric()
    {
        var data = Data();
        var csvPath = Path.Combine(_dir, "wide.csv");
        var csv = await CliRunner.RunAsync("export", Spring, "--layout", "wide", "--out", csvPath);
        Assert.True(csv.ExitCode == 0, csv.ToString());
        var rows = Csv.Parse(File.ReadAllText(csvPath));
        var header = rows[0];
        Assert.Equal(new[] { "campaign_id", "date", "channel", "variation_api_id", "variation_name" }, header.Take(5));
        Assert.Contains("machine_open", header);
        Assert.Contains("notif_button_2_Remind_Me_Later_click", header);
        Assert.Equal(data.Elements.Count, rows.Count - 1);
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));

        var sent = Array.IndexOf(header, "sent");
        var revenue = Array.IndexOf(header, "revenue");
        for (var i = 0; i < data.Elements.Count; i += 37)
        {
            var element = data.Elements[i];
            var row = rows[i + 1];
            Assert.Equal(element.Channel.Key, row[2]);
            var sends = element.Channel.FindMetric("sent")?.GetCount(element.Element);
            Assert.Equal(sends?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", row[sent]);
            AssertNumber(element.Channel.FindMetric("revenue")?.GetValue(element.Element), row[revenue], $"revenue of row {i + 1}");
        }

        var parquetPath = Path.Combine(_dir, "wide.parquet");
        var parquet = await CliRunner.RunAsync("export", Spring, "--layout", "wide", "--out", parquetPath);
        Assert.True(parquet.ExitCode == 0, parquet.ToString());
        await using var reader = await ParquetReader.CreateAsync(parquetPath);
        Assert.Equal(header, reader.Schema.DataFields.Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(data.Elements.Count, group.RowCount);
        var sentField = reader.Schema.DataFields[sent];
        var sends2 = new long?[group.RowCount];
        await group.ReadAsync<long>(sentField, sends2.AsMemory());
        Assert.Equal(rows.Skip(1).Select(r => r[sent].Length == 0 ? (long?)null : L(r[sent])), sends2); // every count, none lost as null
    }

    [Fact]
    public async Task A_missing_string_stays_null_in_parquet_single_file_and_lake_as_in_json()
    {
        // The sample with variation_name dropped from the first day's variations, and a Canvas (steps have no variation).
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Spring))!;
        foreach (var (_, variations) in node["data"]![0]!["messages"]!.AsObject())
        {
            foreach (var variation in variations!.AsArray())
            {
                variation!.AsObject().Remove("variation_name");
            }
        }

        var unnamed = Path.Combine(_dir, "unnamed.json");
        File.WriteAllText(unnamed, node.ToJsonString());
        foreach (var input in new[] { unnamed, CliRunner.Data("canvas-onboarding.json") })
        {
            var json = await CliRunner.RunAsync("export", input, "--layout", "long", "--format", "json", "--out", "-");
            Assert.True(json.ExitCode == 0, json.ToString());
            using var document = JsonDocument.Parse(json.Stdout);
            var expected = document.RootElement.EnumerateArray().Select(r => r.GetProperty(ColumnNames.VariationName).ValueKind == JsonValueKind.Null).ToList();
            Assert.Contains(true, expected);

            var single = Path.Combine(_dir, Path.GetFileNameWithoutExtension(input) + ".parquet");
            var file = await CliRunner.RunAsync("export", input, "--layout", "long", "--out", single);
            Assert.True(file.ExitCode == 0, file.ToString());
            Assert.Equal(expected, await NullsOf(single, ColumnNames.VariationName));
        }

        var lake = Path.Combine(_dir, "lake");
        var partitioned = await CliRunner.RunAsync("export", unnamed, "--layout", "long", "--partition-by", "none", "--out", lake);
        Assert.True(partitioned.ExitCode == 0, partitioned.ToString());
        var lakeNulls = await NullsOf(Path.Combine(lake, "part-0.parquet"), ColumnNames.VariationName);
        Assert.Contains(true, lakeNulls);
        Assert.Contains(false, lakeNulls);
    }

    private static async Task<System.Collections.Generic.List<bool>> NullsOf(string path, string column)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var field = reader.Schema.DataFields.Single(f => f.Name == column);
        var nulls = new System.Collections.Generic.List<bool>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var values = new string?[group.RowCount];
            await group.ReadAsync(field, values.AsMemory());
            nulls.AddRange(values.Select(v => v is null));
        }

        return nulls;
    }

    [Fact]
    public async Task Report_json_by_day_has_the_csv_rows()
    {
        var json = await CliRunner.RunAsync("report", Spring, "--from", "2025-05-01", "--to", "2025-05-03", "--format", "json");
        var csv = await CliRunner.RunAsync("report", Spring, "--from", "2025-05-01", "--to", "2025-05-03", "--format", "csv");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.True(csv.ExitCode == 0, csv.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var objects = doc.RootElement.EnumerateArray().ToList();
        var rows = Csv.Parse(csv.Stdout);
        Assert.Equal(rows.Count - 1, objects.Count);
        Assert.Equal(rows[0], objects[0].EnumerateObject().Select(p => p.Name));
        for (var i = 0; i < objects.Count; i++)
        {
            var o = objects[i];
            var r = rows[i + 1];
            Assert.Equal(r[0], o.GetProperty("period_start").GetString());
            Assert.Equal(r[0], o.GetProperty("period_end").GetString()); // by day
            Assert.Equal(r[6], o.GetProperty("rate").GetString());
            var value = o.GetProperty("value");
            AssertNumber(value.ValueKind == JsonValueKind.Null ? null : value.GetDouble(), r[9], $"row {i + 1}");
        }
    }
}
