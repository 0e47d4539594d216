using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// Input that cannot be right never comes out as a plausible number: error envelopes, impossible counts, repeated
/// variations and dates that are not calendar dates are one-line errors (exit 2); a proportion whose sums exceed 1 is
/// left empty with one note. Each of these printed a table and exited 0 before.
/// </summary>
public sealed class ImpossibleInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-impossible-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static string Day(string date, string email) =>
        "{\"time\":\"" + date + "\",\"messages\":{\"email\":[" + email + "]}}";

    private static string Success(params string[] days) => "{\"message\":\"success\",\"data\":[" + string.Join(",", days) + "]}";

    private string[][] EveryCommand(string file) => new[]
    {
        new[] { "report", file, "--format", "csv" },
        new[] { "compare", file, "--channel", "email" },
        new[] { "export", file, "--layout", "long", "--out", Path.Combine(_dir, "out.csv") },
        new[] { "export", file, "--layout", "wide", "--out", Path.Combine(_dir, "out.csv") },
    };

    public static TheoryData<string, string, string> ErrorEnvelopes() => new()
    {
        { "{\"message\":\"Invalid campaign_id\"}", "\"Invalid campaign_id\"", "no data" },
        { "{\"message\":\"error\",\"data\":[" + Day("2026-10-01", "{\"variation_api_id\":\"a\",\"sent\":10}") + "]}", "\"error\"", "instead of \"success\"" },
        { "{\"message\":\"success\"}", "\"success\"", "no \"data\"" },
        { "{\"data\":[],\"message\":\"Internal server error\"}", "\"Internal server error\"", "instead of \"success\"" },
    };

    [Theory]
    [MemberData(nameof(ErrorEnvelopes))]
    public async Task An_error_envelope_is_an_error_that_quotes_Braze(string json, string quoted, string why)
    {
        var file = Write("envelope.json", json);
        foreach (var args in EveryCommand(file))
        {
            UserErrorTests.AssertUserError(await CliRunner.RunAsync(args), "envelope.json", quoted, why);
        }
    }

    [Theory]
    [InlineData("-10", "expected a count (0 or more), found -10")]
    [InlineData("-0", "expected a count (0 or more), found -0")]
    [InlineData("-0.0", "expected a count (0 or more), found -0.0")]
    [InlineData("1e-400", "expected an integer, found the fraction 1e-400")]
    [InlineData("5e-1", "expected an integer, found the fraction 5e-1")]
    [InlineData("1.5", "expected an integer, found the fraction 1.5")]
    [InlineData("99999999999999999999", "out of range")]
    public async Task An_impossible_count_is_a_located_error(string count, string problem)
    {
        var file = Write("counts.json", Success(Day("2026-10-01", "{\"variation_api_id\":\"a\",\"sent\":10,\"unique_clicks\":" + count + "}")));
        foreach (var args in EveryCommand(file))
        {
            UserErrorTests.AssertUserError(await CliRunner.RunAsync(args), "counts.json:1:", "$.data[0].messages.email[0].unique_clicks", problem);
        }
    }

    [Theory]
    [InlineData("3.0", "3")]
    [InlineData("1e2", "100")]
    [InlineData("2.50e1", "25")]
    [InlineData("0e-400", "0")]
    [InlineData("0.5e1", "5")]
    public async Task Whole_numbers_in_other_forms_are_still_counts(string count, string value)
    {
        var file = Write("whole.json", Success(Day("2026-10-01", "{\"variation_api_id\":\"a\",\"sent\":1000,\"unique_clicks\":" + count + "}")));
        var result = await CliRunner.RunAsync("export", file, "--layout", "long", "--out", Path.Combine(_dir, "whole.csv"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("email,a,,unique_clicks," + value + "\n", File.ReadAllText(Path.Combine(_dir, "whole.csv")).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-10-01\\u0000garbage", "\"2026-10-01\\u0000garbage\"")]
    [InlineData("0000-10-01", "\"0000-10-01\"")]
    [InlineData("-2026-10-01", "\"-2026-10-01\"")]
    [InlineData("2026-02-30", "\"2026-02-30\"")]
    public async Task A_date_that_is_not_a_calendar_date_is_a_located_error(string date, string shown)
    {
        var file = Write("dates.json", Success(Day(date, "{\"variation_api_id\":\"a\",\"sent\":10}")));
        foreach (var args in EveryCommand(file))
        {
            UserErrorTests.AssertUserError(await CliRunner.RunAsync(args), "dates.json:1:", "$.data[0].time", "expected an ISO-8601 date (yyyy-MM-dd), found " + shown);
        }
    }

    [Fact]
    public async Task A_variation_twice_in_one_day_is_an_error_not_a_sum()
    {
        var file = Write("twice.json", Success(
            Day("2026-10-01", "{\"variation_api_id\":\"a\",\"sent\":10,\"delivered\":10},{\"variation_api_id\":\"b\",\"sent\":5},{\"variation_api_id\":\"a\",\"sent\":3,\"delivered\":3}")));
        foreach (var args in EveryCommand(file))
        {
            UserErrorTests.AssertUserError(await CliRunner.RunAsync(args), "email on 2026-10-01", "variation 'a' twice", "elements 0 and 2");
        }
    }

    [Fact]
    public async Task A_variation_twice_on_a_day_outside_the_window_is_still_refused_by_the_month_report()
    {
        // The loader checks every day it reads once, in the window or not; the report's data set does not check again.
        var file = Write("twice-early.json", Success(
            Day("2026-09-01", "{\"variation_api_id\":\"a\",\"sent\":10},{\"variation_api_id\":\"a\",\"sent\":3}"),
            Day("2026-10-01", "{\"variation_api_id\":\"a\",\"sent\":10,\"delivered\":10}")));
        UserErrorTests.AssertUserError(
            await CliRunner.RunAsync("report", file, "--by", "month", "--format", "csv", "--from", "2026-10-01"), "email on 2026-09-01", "variation 'a' twice");
        var report = await CliRunner.RunAsync("report", Write("once.json", Success(Day("2026-10-01", "{\"variation_api_id\":\"a\",\"sent\":10,\"delivered\":10}"))), "--by", "month", "--format", "csv");
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Contains("2026-10-01,2026-10-31,once,email,a,,DeliveryRate,10,10,1,1,true", report.Stdout.ReplaceLineEndings("\n").Split('\n'));
    }

    [Fact]
    public async Task A_proportion_above_one_is_left_empty_with_one_note_naming_where()
    {
        // 12 unique clicks for 10 deliveries cannot be right: no rate of 1.2 in the output.
        var file = Write("clicks.json", Success(
            Day("2026-10-01", "{\"variation_api_id\":\"a\",\"variation_name\":\"Variant A\",\"sent\":10,\"delivered\":10,\"unique_clicks\":12,\"opens\":25}"),
            Day("2026-10-02", "{\"variation_api_id\":\"a\",\"variation_name\":\"Variant A\",\"sent\":10,\"delivered\":10,\"unique_clicks\":2,\"opens\":4}")));
        var result = await CliRunner.RunAsync("report", file, "--format", "csv");
        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.Stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains("2026-10-01,2026-10-01,clicks,email,a,Variant A,UniqueClickRate,12,10,,1,false", rows);
        Assert.Contains("2026-10-02,2026-10-02,clicks,email,a,Variant A,UniqueClickRate,2,10,0.2,1,false", rows);

        // A ratio may exceed 1: total opens per delivery are reported as they are.
        Assert.Contains("2026-10-01,2026-10-01,clicks,email,a,Variant A,TotalOpenRate,25,10,2.5,1,false", rows);
        var note = Assert.Single(result.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.StartsWith("note: 1 rate value(s) left empty because a day has more of the numerator than of the denominator", note, StringComparison.Ordinal);
        Assert.Contains("campaign clicks, email / Variant A, UniqueClickRate on 2026-10-01, in the row 2026-10-01..2026-10-01", note, StringComparison.Ordinal);

        // Over the week the sums look possible (14 of 20), but they hold the impossible day: no rate either.
        var weekly = await CliRunner.RunAsync("report", file, "--format", "csv", "--by", "week");
        Assert.True(weekly.ExitCode == 0, weekly.ToString());
        Assert.Contains(",UniqueClickRate,14,20,,2,true\n", weekly.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("UniqueClickRate on 2026-10-01, in the row 2026-09-28..2026-10-04", weekly.Stderr, StringComparison.Ordinal);

        // compare cannot test it either: a one-line error, no table.
        UserErrorTests.AssertUserError(
            await CliRunner.RunAsync("compare", file, "--channel", "email", "--rate", "UniqueClickRate"),
            "email / Variant A on 2026-10-01: 12 unique_clicks for 10 delivered", "cannot exceed 1");
    }

    [Fact]
    public async Task One_stray_character_in_a_large_payload_quotes_a_bounded_excerpt()
    {
        // A 300 KB field name (a stray quote in a minified file makes one) whose value is then malformed: the path names
        // the field, and used to carry all of it.
        var element = "{\"variation_api_id\":\"a\",\"sent\":10}";
        var days = Enumerable.Range(1, 28).Select(d => Day("2026-10-" + d.ToString("00", System.Globalization.CultureInfo.InvariantCulture), element)).ToArray();
        days[4] = Day("2026-10-05", "{\"variation_api_id\":\"a\",\"" + new string('x', 300_000) + "\":1x}");
        var broken = Write("stray.json", Success(days));
        foreach (var args in EveryCommand(broken))
        {
            var result = await CliRunner.RunAsync(args);
            UserErrorTests.AssertUserError(result, "stray.json:1:");
            Assert.True(result.Stderr.Length < 400, "stderr of " + result.Stderr.Length + " characters: " + result.Stderr[..Math.Min(400, result.Stderr.Length)]);
        }
    }
}
