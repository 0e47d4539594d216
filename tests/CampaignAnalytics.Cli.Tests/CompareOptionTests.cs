using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace CampaignAnalytics.Cli.Tests;

/// <summary><c>compare</c>: which option a library error is blamed on, and the intended split of the sample-ratio check (<c>--split</c>).</summary>
public sealed class CompareOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-compare-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>One email campaign over two days, assigned 10 % control / 45 % A / 45 % B (1000 / 4500 / 4500 users).</summary>
    private string TenFortyFiveFortyFive() => Write("ab-test.json", """
        { "message": "success", "data": [
          { "time": "2025-05-01", "unique_recipients": 5000, "messages": { "email": [
            { "variation_name": "Control Group", "variation_api_id": "ctl", "enrolled": 500, "unique_recipients": 500, "conversions": 10 },
            { "variation_name": "Variant A", "variation_api_id": "var-a", "sent": 2250, "delivered": 2200, "opens": 900, "unique_opens": 800, "unique_recipients": 2250, "conversions": 60 },
            { "variation_name": "Variant B", "variation_api_id": "var-b", "sent": 2250, "delivered": 2210, "opens": 950, "unique_opens": 820, "unique_recipients": 2250, "conversions": 70 } ] } },
          { "time": "2025-05-02", "unique_recipients": 5000, "messages": { "email": [
            { "variation_name": "Control Group", "variation_api_id": "ctl", "enrolled": 500, "unique_recipients": 500, "conversions": 12 },
            { "variation_name": "Variant A", "variation_api_id": "var-a", "sent": 2250, "delivered": 2205, "opens": 910, "unique_opens": 790, "unique_recipients": 2250, "conversions": 55 },
            { "variation_name": "Variant B", "variation_api_id": "var-b", "sent": 2250, "delivered": 2190, "opens": 940, "unique_opens": 815, "unique_recipients": 2250, "conversions": 75 } ] } }
        ] }
        """);

    private static JsonElement Srm(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.GetProperty("sample_ratio_mismatch").Clone();
    }

    [Fact]
    public async Task A_rate_that_is_not_a_proportion_is_blamed_on_rate()
    {
        // Total opens exceed deliveries (people open twice): TotalOpenRate is not a proportion.
        var file = Write("reopens.json", """
            { "message": "success", "data": [ { "time": "2025-05-01", "messages": { "email": [
              { "variation_name": "Variant A", "variation_api_id": "var-a", "sent": 100, "delivered": 90, "opens": 140, "unique_opens": 60 },
              { "variation_name": "Variant B", "variation_api_id": "var-b", "sent": 100, "delivered": 95, "opens": 80, "unique_opens": 50 } ] } } ] }
            """);
        var result = await CliRunner.RunAsync("compare", file, "--channel", "email", "--rate", "TotalOpenRate");
        UserErrorTests.AssertUserError(result, "--rate:", "TotalOpenRate", "not a proportion", "Variant A");
        Assert.DoesNotContain("--control", result.Stderr, StringComparison.Ordinal);

        // A unique rate on the same data compares fine.
        var unique = await CliRunner.RunAsync("compare", file, "--channel", "email", "--rate", "UniqueOpenRate", "--format", "csv");
        Assert.True(unique.ExitCode == 0, unique.ToString());

        // The control is still blamed on --control.
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("compare", file, "--channel", "email", "--control", "Nobody"), "--control:", "Nobody", "Variant B");
    }

    [Fact]
    public async Task The_equal_split_check_flags_a_10_45_45_design_and_split_clears_it()
    {
        var file = TenFortyFiveFortyFive();
        var equal = Srm(await CliRunner.RunAsync("compare", file, "--channel", "email", "--format", "json"));
        Assert.Equal("exposure", equal.GetProperty("basis").GetString()); // sent for variations, enrolled for the control (x-exposure)
        Assert.Equal(new long[] { 1000, 4500, 4500 }, equal.GetProperty("observed").EnumerateArray().Select(o => o.GetInt64()));
        Assert.Equal(JsonValueKind.Null, equal.GetProperty("intended_weights").ValueKind);
        Assert.True(equal.GetProperty("p_value").GetDouble() < 1e-6, equal.ToString());

        var positional = Srm(await CliRunner.RunAsync("compare", file, "--channel", "email", "--split", "10,45,45", "--format", "json"));
        Assert.Equal(new double[] { 1000, 4500, 4500 }, positional.GetProperty("expected").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(new double[] { 10, 45, 45 }, positional.GetProperty("intended_weights").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(0.0, positional.GetProperty("statistic").GetDouble());
        Assert.Equal(1.0, positional.GetProperty("p_value").GetDouble());

        // By name or id, in any order; any scale.
        var named = Srm(await CliRunner.RunAsync("compare", file, "--channel", "email", "--split", "var-b=45, Variant A=45,Control Group=10", "--format", "json"));
        Assert.Equal(positional.GetProperty("expected").ToString(), named.GetProperty("expected").ToString());
        Assert.Equal(1.0, named.GetProperty("p_value").GetDouble());
        var fractions = Srm(await CliRunner.RunAsync("compare", file, "--channel", "email", "--split", "0.1,0.45,0.45", "--format", "json"));
        Assert.True(fractions.GetProperty("p_value").GetDouble() > 0.999, fractions.ToString());

        var table = await CliRunner.RunAsync("compare", file, "--channel", "email", "--split", "10,45,45");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("intended split 10:45:45", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_splits_are_one_line_errors_naming_split()
    {
        var file = TenFortyFiveFortyFive();
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("compare", file, "--channel", "email", "--split", "50,50"), "--split:", "2 weight(s) for 3 variations", "Control Group, Variant A, Variant B");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("compare", file, "--channel", "email", "--split", "10,0,90"), "--split:", "'0'", "positive");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("compare", file, "--channel", "email", "--split", "10,-45,45"), "--split:", "'-45'", "positive");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("compare", file, "--channel", "email", "--split", "10,abc,45"), "--split:", "'abc'");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("compare", file, "--channel", "email", "--split", "Control Group=10,Variant A=90"), "--split:", "no weight for Variant B");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("compare", file, "--channel", "email", "--split", "Control Group=10,Variant C=45,Variant B=45"), "--split:", "no variation 'Variant C'");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("compare", file, "--channel", "email", "--split", "ctl=10,Control Group=10,Variant A=45,Variant B=45"), "--split:", "given twice");
    }
}
