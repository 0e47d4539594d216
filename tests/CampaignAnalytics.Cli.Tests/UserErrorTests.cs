using System;
using System.IO;
using System.Threading.Tasks;

namespace CampaignAnalytics.Cli.Tests;

public sealed class UserErrorTests : IDisposable
{
    private static readonly string Spring = CliRunner.Data("spring-sale.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-errors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static void AssertUserError(CliResult result, params string[] mentions)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var lines = result.Stderr.TrimEnd('\n', '\r').Split('\n');
        Assert.True(lines.Length == 1, "expected one line on stderr:\n" + result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Missing_file_and_malformed_json_name_the_file_and_the_place()
    {
        AssertUserError(await CliRunner.RunAsync("report", Path.Combine(_dir, "nope.json")), "nope.json", "not found");

        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "{\n  \"message\": \"success\",\n  \"data\": [ { \"time\": \"2025-03-01\", \"unique_recipients\": \"many\" } ]\n}\n");
        AssertUserError(await CliRunner.RunAsync("compare", bad, "--channel", "email"), "bad.json:3:", "$.data[0].unique_recipients", "integer");

        var truncated = Path.Combine(_dir, "truncated.json");
        File.WriteAllText(truncated, "{\"message\":\"success\",\"data\":[");
        AssertUserError(await CliRunner.RunAsync("export", truncated, "--layout", "long", "--out", Path.Combine(_dir, "x.csv")), "truncated.json:1:");
    }

    [Fact]
    public async Task Unknown_channel_and_rate_list_the_valid_ones_from_the_catalogue()
    {
        AssertUserError(await CliRunner.RunAsync("compare", Spring, "--channel", "line"), "'line'", "email", "trigger_in_app_message");
        AssertUserError(await CliRunner.RunAsync("compare", Spring, "--channel", "email", "--rate", "OpenRate"), "'OpenRate'", "UniqueOpenRate", "MachineOpenRate");
        AssertUserError(await CliRunner.RunAsync("compare", Spring, "--channel", "email", "--control", "Nobody"), "Nobody", "Control Group");
    }

    [Fact]
    public async Task Bad_dates_and_bad_options_are_one_line_errors()
    {
        AssertUserError(await CliRunner.RunAsync("report", Spring, "--from", "2025-02-30"), "--from", "2025-02-30", "yyyy-MM-dd");
        AssertUserError(await CliRunner.RunAsync("report", Spring, "--from", "2025-05-01", "--to", "2025-04-01"), "--from", "--to");
        AssertUserError(await CliRunner.RunAsync("report", Spring, "--format", "xml"), "--format", "xml", "csv");
        AssertUserError(await CliRunner.RunAsync("report", Spring, "--by", "year"), "--by", "month");
        AssertUserError(await CliRunner.RunAsync("compare", Spring), "--channel");
        AssertUserError(await CliRunner.RunAsync("export", Spring, "--layout", "long", "--format", "parquet", "--out", Path.Combine(_dir, "missing", "x.parquet")), "does not exist");
        AssertUserError(await CliRunner.RunAsync("frobnicate"), "frobnicate");
    }
}
