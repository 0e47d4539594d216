using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Meta;
using static CampaignAnalytics.Cli.Tests.Library;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// <c>export --partition-by</c>: a Hive-style partitioned Parquet dataset with logical types, bounded row groups,
/// statistics, a <c>_SUCCESS</c> marker and a manifest that makes a re-export rewrite only the partitions whose rows
/// changed; and DuckDB reading it the way an analyst would.
/// </summary>
public sealed class LakeExportTests : IDisposable
{
    private static readonly DateTime Sentinel = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-lake-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Copies of the samples under their own names (campaign ids), which a test may restate.</summary>
    private (string Spring, string Welcome) Inputs()
    {
        var inputs = Directory.CreateDirectory(Path.Combine(_dir, "in")).FullName;
        var spring = Path.Combine(inputs, "spring-sale.json");
        var welcome = Path.Combine(inputs, "welcome-series.json");
        File.Copy(CliRunner.Data("spring-sale.json"), spring, overwrite: true);
        File.Copy(CliRunner.Data("welcome-series.json"), welcome, overwrite: true);
        return (spring, welcome);
    }

    private static async Task<CliResult> ExportAsync(string lake, string partitionBy, params string[] files)
    {
        var result = await CliRunner.RunAsync(new[] { "export" }.Concat(files).Concat(new[] { "--layout", "long", "--partition-by", partitionBy, "--out", lake }));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static Dictionary<string, DateTime> Parts(string lake) =>
        Directory.GetFiles(lake, "*.parquet", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(lake, f).Replace('\\', '/'), File.GetLastWriteTimeUtc, StringComparer.Ordinal);

    [Fact]
    public async Task Partitioned_export_is_a_hive_dataset_with_logical_types_statistics_and_a_success_marker()
    {
        var (spring, welcome) = Inputs();
        var lake = Path.Combine(_dir, "lake");
        var result = await ExportAsync(lake + Path.DirectorySeparatorChar, "campaign_id,month", spring, welcome); // a folder named with its slash

        // 100 days from 2025-03-01 to 2025-06-08: four months per campaign.
        var months = new[] { "2025-03", "2025-04", "2025-05", "2025-06" };
        var expected = new[] { "spring-sale", "welcome-series" }
            .SelectMany(c => months.Select(m => $"campaign_id={c}/month={m}/part-0.parquet")).OrderBy(p => p, StringComparer.Ordinal);
        Assert.Equal(expected, Parts(lake).Keys.OrderBy(p => p, StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(lake, "_SUCCESS")));
        Assert.Empty(Directory.GetFiles(lake, "*.tmp", SearchOption.AllDirectories));
        Assert.Contains("8 partitions written, 0 unchanged, 0 removed", result.Stderr, StringComparison.Ordinal);

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(lake, "_manifest.json")))!;
        Assert.True(manifest["complete"]!.GetValue<bool>());
        Assert.Equal(8, manifest["partitions"]!.AsObject().Count);

        await using var reader = await ParquetReader.CreateAsync(Path.Combine(lake, "campaign_id=spring-sale", "month=2025-04", "part-0.parquet"));
        // The partition columns are in the folder names only; counts and amounts have columns of their own types.
        Assert.Equal(new[] { "date", "channel", "variation_api_id", "variation_name", "metric", "count", "amount" }, reader.Schema.DataFields.Select(f => f.Name));
        var elements = reader.Metadata!.Schema.ToDictionary(e => e.Name, StringComparer.Ordinal);
        Assert.NotNull(elements["date"].LogicalType!.DATE);
        Assert.Equal(Parquet.Meta.Type.INT32, elements["date"].Type);
        Assert.Equal(Parquet.Meta.Type.INT64, elements["count"].Type);
        Assert.Equal(Parquet.Meta.Type.DOUBLE, elements["amount"].Type);
        Assert.NotNull(elements["metric"].LogicalType!.STRING);
        foreach (var group in reader.Metadata.RowGroups)
        {
            foreach (var chunk in group.Columns)
            {
                Assert.NotNull(chunk.MetaData!.Statistics);
                if (chunk.MetaData.PathInSchema[0] is "channel" or "metric")
                {
                    Assert.Contains(chunk.MetaData.Encodings, e => e is Encoding.RLE_DICTIONARY or Encoding.PLAIN_DICTIONARY);
                }
            }
        }

        // Every value of the month, once.
        var long_ = Csv.Parse((await CliRunner.RunAsync("export", spring, "--layout", "long", "--from", "2025-04-01", "--to", "2025-04-30", "--out", "-")).Stdout);
        Assert.Equal(long_.Count - 1, reader.Metadata.RowGroups.Sum(g => g.NumRows));
    }

    [Fact]
    public async Task Row_groups_are_bounded()
    {
        // Five campaigns of the sample (15,782 values each) in one unpartitioned file: more rows than one row group holds.
        var inputs = Directory.CreateDirectory(Path.Combine(_dir, "five")).FullName;
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            File.Copy(CliRunner.Data("spring-sale.json"), Path.Combine(inputs, name + ".json"));
        }

        var lake = Path.Combine(_dir, "lake");
        await ExportAsync(lake, "none", Directory.GetFiles(inputs).OrderBy(f => f, StringComparer.Ordinal).ToArray());
        await using var reader = await ParquetReader.CreateAsync(Path.Combine(lake, "part-0.parquet"));
        var sizes = reader.Metadata!.RowGroups.Select(g => g.NumRows).ToList();
        Assert.True(sizes.Count > 1, string.Join(", ", sizes));
        Assert.All(sizes, n => Assert.InRange(n, 1, 65_536));

        // The single-file export is written the same way: several row groups, none above the bound.
        var single = Path.Combine(_dir, "single.parquet");
        var result = await CliRunner.RunAsync(new[] { "export" }.Concat(Directory.GetFiles(inputs).OrderBy(f => f, StringComparer.Ordinal)).Concat(new[] { "--layout", "long", "--out", single }));
        Assert.True(result.ExitCode == 0, result.ToString());
        await using var file = await ParquetReader.CreateAsync(single);
        Assert.Equal(sizes.Sum(), file.Metadata!.RowGroups.Sum(g => g.NumRows));
        Assert.True(file.RowGroupCount > 1);
        Assert.All(file.Metadata.RowGroups, g => Assert.InRange(g.NumRows, 1, 65_536));
    }

    [Fact]
    public async Task An_unchanged_re_export_rewrites_nothing_and_a_restated_day_rewrites_only_its_partition()
    {
        var (spring, welcome) = Inputs();
        var lake = Path.Combine(_dir, "lake");
        await ExportAsync(lake, "campaign_id,month", spring, welcome);
        foreach (var part in Parts(lake).Keys)
        {
            File.SetLastWriteTimeUtc(Path.Combine(lake, part), Sentinel);
        }

        var again = await ExportAsync(lake, "campaign_id,month", spring, welcome);
        Assert.Contains("0 partitions written, 8 unchanged, 0 removed", again.Stderr, StringComparison.Ordinal);
        Assert.All(Parts(lake), p => Assert.Equal(Sentinel, p.Value));
        Assert.True(File.Exists(Path.Combine(lake, "_SUCCESS")));

        // Braze restates one April day of spring-sale: one more email delivered.
        var json = JsonNode.Parse(File.ReadAllText(spring))!;
        var day = json["data"]!.AsArray().Single(d => d!["time"]!.GetValue<string>() == "2025-04-10")!;
        var email = day["messages"]!["email"]![0]!;
        email["delivered"] = email["delivered"]!.GetValue<long>() + 1;
        File.WriteAllText(spring, json.ToJsonString());

        var restated = await ExportAsync(lake, "campaign_id,month", spring, welcome);
        Assert.Contains("1 partitions written, 7 unchanged, 0 removed", restated.Stderr, StringComparison.Ordinal);
        var changed = Parts(lake).Where(p => p.Value != Sentinel).Select(p => p.Key).ToList();
        Assert.Equal(new[] { "campaign_id=spring-sale/month=2025-04/part-0.parquet" }, changed);

        // A campaign left out of the next export: its partitions go, so no reader counts stale rows.
        var fewer = await ExportAsync(lake, "campaign_id,month", spring);
        Assert.Contains("0 partitions written, 4 unchanged, 4 removed", fewer.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(lake, "campaign_id=welcome-series")));
        Assert.Equal(4, Parts(lake).Count);
    }

    [Fact]
    public async Task A_partition_file_damaged_since_the_last_export_is_rewritten_though_its_rows_are_unchanged()
    {
        var (spring, welcome) = Inputs();
        var lake = Path.Combine(_dir, "lake");
        await ExportAsync(lake, "campaign_id,month", spring, welcome);
        var damaged = Path.Combine(lake, "campaign_id=welcome-series", Parts(lake).Keys.First(k => k.StartsWith("campaign_id=welcome-series/", StringComparison.Ordinal))["campaign_id=welcome-series/".Length..]);
        var good = File.ReadAllBytes(damaged);
        var bad = (byte[])good.Clone();
        bad[bad.Length / 2] ^= 0xFF; // one byte flipped: same length, the manifest's hash still names the good file
        File.WriteAllBytes(damaged, bad);

        var again = await ExportAsync(lake, "campaign_id,month", spring, welcome);
        Assert.Contains("1 partitions written, 7 unchanged, 0 removed", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(good, File.ReadAllBytes(damaged));
    }

    [Theory]
    [InlineData("long-v1", "sha256")] // SHA-256 of the rows' cells
    [InlineData("long-v2", "xxh128")] // XXH128 of the rows' cells (the hash key is the same as today's, the hashes are not)
    [InlineData("long-v3", "xxh128")] // XXH128 of each file as Parquet.Net wrote it (the files' bytes differ from today's)
    public async Task A_manifest_of_an_earlier_format_means_unknown_hashes_so_every_partition_is_rewritten(string layout, string hashName)
    {
        var (spring, welcome) = Inputs();
        var lake = Path.Combine(_dir, "lake");
        await ExportAsync(lake, "campaign_id,month", spring, welcome);
        var path = Path.Combine(lake, "_manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("long-v4", manifest["layout"]!.GetValue<string>());
        Assert.All(manifest["partitions"]!.AsObject(), p => Assert.Matches("^[0-9a-f]{32}$", p.Value!["xxh128"]!.GetValue<string>()));

        // The manifest as an earlier version wrote it, even with hashes that happen to match: it vouches for nothing now, so
        // the export rewrites every partition rather than failing.
        var old = new JsonObject { ["layout"] = layout, ["partition_by"] = "campaign_id,month", ["complete"] = true };
        var partitions = new JsonObject();
        foreach (var (name, value) in manifest["partitions"]!.AsObject())
        {
            partitions[name] = new JsonObject { [hashName] = value!["xxh128"]!.GetValue<string>(), ["rows"] = value["rows"]!.GetValue<long>() };
        }

        old["partitions"] = partitions;
        File.WriteAllText(path, old.ToJsonString());
        foreach (var part in Parts(lake).Keys)
        {
            File.SetLastWriteTimeUtc(Path.Combine(lake, part), Sentinel);
        }

        var again = await ExportAsync(lake, "campaign_id,month", spring, welcome);
        Assert.Contains("8 partitions written, 0 unchanged, 0 removed", again.Stderr, StringComparison.Ordinal);
        Assert.All(Parts(lake), p => Assert.NotEqual(Sentinel, p.Value));
        Assert.Equal("long-v4", JsonNode.Parse(File.ReadAllText(path))!["layout"]!.GetValue<string>());

        // And the rewritten dataset is incremental again.
        var third = await ExportAsync(lake, "campaign_id,month", spring, welcome);
        Assert.Contains("0 partitions written, 8 unchanged, 0 removed", third.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_the_tool_did_not_write_and_impossible_combinations_are_one_line_user_errors()
    {
        var spring = CliRunner.Data("spring-sale.json");
        var foreign = Directory.CreateDirectory(Path.Combine(_dir, "photos")).FullName;
        File.WriteAllText(Path.Combine(foreign, "holiday.jpg"), "not ours");
        UserErrorTests.AssertUserError(
            await CliRunner.RunAsync("export", spring, "--layout", "long", "--partition-by", "month", "--out", foreign), "--out", "_manifest.json");
        Assert.True(File.Exists(Path.Combine(foreign, "holiday.jpg")));

        var lake = Path.Combine(_dir, "lake");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("export", spring, "--layout", "wide", "--partition-by", "month", "--out", lake), "--partition-by", "--layout long");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("export", spring, "--layout", "long", "--partition-by", "month", "--format", "csv", "--out", lake), "--partition-by", "Parquet");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("export", spring, "--layout", "long", "--partition-by", "week", "--out", lake), "--partition-by", "week");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("export", spring, "--layout", "long", "--partition-by", "none,month", "--out", lake), "--partition-by", "none");
        Assert.False(Directory.Exists(lake));
    }

    [Fact]
    public async Task DuckDB_reads_the_dataset_and_its_group_by_equals_the_report_exactly()
    {
        var (spring, welcome) = Inputs();
        var lake = Path.Combine(_dir, "lake");
        await ExportAsync(lake, "campaign_id,month", spring, welcome);
        var report = await CliRunner.RunAsync("report", spring, welcome, "--by", "month", "--format", "csv");
        Assert.True(report.ExitCode == 0, report.ToString());
        var reportRows = Csv.Parse(report.Stdout);
        var header = reportRows[0].Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var source = $"read_parquet('{lake.Replace("'", "''", StringComparison.Ordinal)}/**/*.parquet', hive_partitioning=true)";
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var describe = connection.CreateCommand())
        {
            describe.CommandText = $"DESCRIBE SELECT * FROM {source}";
            using var reader = describe.ExecuteReader();
            while (reader.Read())
            {
                types[reader.GetString(0)] = reader.GetString(1);
            }
        }

        Assert.Equal("DATE", types["date"]);
        Assert.Equal("BIGINT", types["count"]);
        Assert.Equal("DOUBLE", types["amount"]);
        Assert.All(new[] { "campaign_id", "month", "channel", "variation_api_id", "variation_name", "metric" }, c => Assert.Equal("VARCHAR", types[c]));

        // Every rate of a channel whose two sides are exported fields (derived metrics, e.g. push deliveries, are not).
        var compared = 0;
        foreach (var channel in Cat.Channels)
        {
            foreach (var rate in channel.Rates.Where(r => !r.Numerator.IsDerived && !r.Denominator.IsDerived))
            {
                var expected = reportRows.Skip(1)
                    .Where(r => r[header["channel"]] == channel.Key && r[header["rate"]] == rate.Name)
                    .ToDictionary(
                        r => (r[header["campaign_id"]], r[header["period_start"]][..7], r[header["variation_api_id"]], r[header["variation_name"]]),
                        r => (Num: r[header["numerator"]], Den: r[header["denominator"]], Value: r[header["value"]]));
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    WITH t AS (SELECT * FROM {source})
                    SELECT n.campaign_id, n.month, coalesce(n.variation_api_id, ''), coalesce(n.variation_name, ''),
                           sum(n.count)::BIGINT AS numerator, sum(d.count)::BIGINT AS denominator,
                           CASE WHEN sum(d.count) = 0 THEN NULL ELSE sum(n.count)::DOUBLE / sum(d.count)::DOUBLE END AS value
                    FROM t n JOIN t d
                      ON n.campaign_id = d.campaign_id AND n.date = d.date AND n.channel = d.channel
                     AND n.variation_api_id IS NOT DISTINCT FROM d.variation_api_id AND n.variation_name IS NOT DISTINCT FROM d.variation_name
                    WHERE n.channel = '{channel.Key}' AND n.metric = '{rate.Numerator.Name}' AND d.metric = '{rate.Denominator.Name}'
                    GROUP BY ALL
                    """;
                using var reader = command.ExecuteReader();
                var actual = 0;
                while (reader.Read())
                {
                    var key = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
                    Assert.True(expected.TryGetValue(key, out var row), $"{channel.Key} {rate.Name} {key}: DuckDB has a group the report lacks.");
                    Assert.Equal(L(row.Num), reader.GetInt64(4));
                    Assert.Equal(L(row.Den), reader.GetInt64(5));
                    if (reader.IsDBNull(6))
                    {
                        Assert.Equal(string.Empty, row.Value);
                    }
                    else
                    {
                        Assert.Equal(D(row.Value), reader.GetDouble(6)); // the same division of the same sums: exactly equal
                    }

                    actual++;
                }

                Assert.Equal(expected.Count, actual);
                compared += actual;
            }
        }

        Assert.True(compared > 100, $"only {compared} rows compared");
    }
}
