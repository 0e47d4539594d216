using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CampaignAnalytics.Frames;
using Parquet;
using static CampaignAnalytics.Cli.Tests.Library;

namespace CampaignAnalytics.Cli.Tests;

public sealed class ExportAndSchemaTests : IDisposable
{
    private static readonly string Spring = CliRunner.Data("spring-sale.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static System.Collections.Generic.List<MetricValue> Expected() =>
        CampaignDataSet.Create(Cat, "spring-sale", Load("spring-sale.json")).Values.Where(v => v.Source != MetricSource.Derived).ToList();

    [Fact]
    public async Task Export_long_csv_holds_every_reported_value()
    {
        var path = Path.Combine(_dir, "long.csv");
        var result = await CliRunner.RunAsync("export", Spring, "--layout", "long", "--out", path);
        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = Csv.Parse(File.ReadAllText(path));
        Assert.Equal("campaign_id,date,channel,variation_api_id,variation_name,metric,value", string.Join(",", rows[0]));
        var expected = Expected();
        Assert.Equal(expected.Count, rows.Count - 1);
        for (var i = 0; i < expected.Count; i += 97)
        {
            var e = expected[i];
            Assert.Equal(new[] { "spring-sale", e.Date.ToString("yyyy-MM-dd", null), e.Channel, e.VariationApiId ?? "", e.VariationName ?? "", e.Metric }, rows[i + 1].Take(6));
            AssertNumber(e.Value, rows[i + 1][6], $"row {i + 1}");
        }

        Assert.All(rows.Skip(1), r => Assert.True(IsPlainDecimal(r[6]), r[6]));

        Assert.Contains(rows, r => r[5] == "notif_button_2_Remind_Me_Later_click");
        Assert.Contains(rows, r => r[5] == "machine_open");
    }

    [Fact]
    public async Task Export_long_parquet_and_wide_json_read_back()
    {
        var parquet = Path.Combine(_dir, "long.parquet");
        var result = await CliRunner.RunAsync("export", Spring, "--layout", "long", "--format", "parquet", "--out", parquet);
        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = Expected();
        await using (var reader = await ParquetReader.CreateAsync(parquet))
        {
            Assert.Equal(new[] { "campaign_id", "date", "channel", "variation_api_id", "variation_name", "metric", "value" }, reader.Schema.DataFields.Select(f => f.Name));
            using var group = reader.OpenRowGroupReader(0);
            Assert.Equal(expected.Count, group.RowCount);
            var values = new double?[group.RowCount];
            await group.ReadAsync<double>(reader.Schema.DataFields[6], values.AsMemory());
            Assert.Equal(expected.Sum(v => v.Value), values.Sum(v => v!.Value), 6);
        }

        var wide = Path.Combine(_dir, "wide.json");
        result = await CliRunner.RunAsync("export", Spring, "--layout", "wide", "--out", wide);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllBytes(wide));
        var rows = doc.RootElement.EnumerateArray().ToList();
        var data = CampaignDataSet.Create(Cat, "spring-sale", Load("spring-sale.json"));
        Assert.Equal(data.Elements.Count, rows.Count);
        var first = data.Elements[0];
        Assert.Equal(first.Channel.FindMetric("sent")!.GetCount(first.Element), rows[0].GetProperty("sent").GetInt64());
        var control = rows.First(r => r.GetProperty("variation_name").GetString() == "Control Group");
        Assert.Equal(JsonValueKind.Null, control.GetProperty("sent").ValueKind);
        Assert.True(control.GetProperty("enrolled").GetInt64() > 0);
    }

    [Fact]
    public async Task Schema_check_passes_on_the_sample_and_reports_unknowns_with_a_fragment()
    {
        var clean = await CliRunner.RunAsync("schema", "check", Spring, CliRunner.Data("welcome-series.json"));
        Assert.True(clean.ExitCode == 0, clean.ToString());

        var real = await CliRunner.RunAsync("schema", "check", CliRunner.Data("multichannel-real.json"));
        Assert.True(real.ExitCode == 3, real.ToString());
        Assert.Contains("unknown channel 'line'", real.Stdout, StringComparison.Ordinal);
        Assert.Contains("unknown field 'latency_p99_ms' (number) on 'webhook' elements", real.Stdout, StringComparison.Ordinal);
        Assert.Contains("unknown field 'some_future_field' (object) on days", real.Stdout, StringComparison.Ordinal);

        var fragment = JsonNode.Parse(real.Stdout.Substring(real.Stdout.IndexOf("\n{", StringComparison.Ordinal)))!;
        var line = fragment["$defs"]!["line"]!;
        Assert.Equal("#/$defs/variation", line["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("integer", line["properties"]!["sent"]!["type"]!.GetValue<string>());
        Assert.Null(line["properties"]!["variation_api_id"]); // common fields come from the allOf
        Assert.Empty(line["x-rates"]!.AsArray());
        Assert.Equal("#/$defs/line", fragment["$defs"]!["messages"]!["properties"]!["line"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal("number", fragment["$defs"]!["webhook"]!["properties"]!["latency_p99_ms"]!["type"]!.GetValue<string>());
    }
}
