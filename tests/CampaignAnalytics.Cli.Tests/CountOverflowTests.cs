using System;
using System.IO;
using System.Threading.Tasks;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>Counts whose sums leave 64 bits are one user error (exit 2), neither floating point nor an internal error.</summary>
public sealed class CountOverflowTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-overflow-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Two days on which Variant A sends 5e18 emails each: any sum over both days exceeds long.MaxValue.</summary>
    private string TwoHugeDays()
    {
        var path = Path.Combine(_dir, "huge.json");
        File.WriteAllText(path, """
            {"message":"success","data":[
              {"time":"2026-10-01","messages":{"email":[
                {"variation_api_id":"v-a","variation_name":"Variant A","sent":5000000000000000000,"delivered":10,"unique_recipients":10,"conversions":1},
                {"variation_api_id":"v-c","variation_name":"Control Group","enrolled":10,"unique_recipients":10,"conversions":1}]}},
              {"time":"2026-10-02","messages":{"email":[
                {"variation_api_id":"v-a","variation_name":"Variant A","sent":5000000000000000000,"delivered":10,"unique_recipients":10,"conversions":1},
                {"variation_api_id":"v-c","variation_name":"Control Group","enrolled":10,"unique_recipients":10,"conversions":1}]}}
            ]}
            """);
        return path;
    }

    [Fact]
    public async Task Report_over_both_days_is_a_user_error_naming_the_sum()
    {
        var file = TwoHugeDays();
        UserErrorTests.AssertUserError(
            await CliRunner.RunAsync("report", file, "--by", "month", "--format", "csv"),
            "campaign-analytics: email / Variant A: the sum of 'sent' over 2026-10-01..2026-10-31 exceeds 9223372036854775807; the input cannot be right");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("report", file, "--by", "week"), "email / Variant A", "'sent'", "9223372036854775807");

        // One day at a time sums nothing across days: each day's 5e18 is reported as it is.
        var daily = await CliRunner.RunAsync("report", file, "--format", "csv");
        Assert.True(daily.ExitCode == 0, daily.ToString());
    }

    [Fact]
    public async Task Compare_is_a_user_error_not_an_internal_one()
    {
        var file = TwoHugeDays();
        UserErrorTests.AssertUserError(
            await CliRunner.RunAsync("compare", file, "--channel", "email"),
            "campaign-analytics: email / Variant A: the sum of 'sent' over 2026-10-01..2026-10-02 exceeds 9223372036854775807; the input cannot be right");
        UserErrorTests.AssertUserError(
            await CliRunner.RunAsync("compare", file, "--channel", "email", "--rate", "DeliveryRate", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "json"),
            "email / Variant A: the sum of 'sent' over 2026-10-01..2026-10-31");
    }

    [Fact]
    public async Task Export_sums_nothing_and_keeps_the_counts_as_they_are()
    {
        var file = TwoHugeDays();
        var output = Path.Combine(_dir, "out.csv");
        var result = await CliRunner.RunAsync("export", file, "--layout", "long", "--out", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        var text = File.ReadAllText(output);
        Assert.Equal(2, text.Split("5000000000000000000").Length - 1);
    }
}
