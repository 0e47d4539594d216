using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CampaignAnalytics.Rates;
using CampaignAnalytics.Store;
using Microsoft.Data.Sqlite;
using static CampaignAnalytics.Cli.Tests.Library;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>What a person meets at the command line: widths, filters, verdicts, help, notes and export names (issue 15).</summary>
public sealed class ReadableOutputTests : IDisposable
{
    private static readonly string Spring = CliRunner.Data("spring-sale.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-readable-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static Task<CliResult> AtWidth(int columns, params string[] args) =>
        CliRunner.RunAsync(args, new Dictionary<string, string?> { ["COLUMNS"] = columns.ToString(CultureInfo.InvariantCulture) });

    private static string[] Lines(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }

    private static List<string> Notes(CliResult result) =>
        result.Stderr.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("note:", StringComparison.Ordinal)).ToList();

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public async Task Tables_fit_the_terminal_width_given_by_COLUMNS(int columns)
    {
        foreach (var args in new[]
        {
            new[] { "report", Spring, "--by", "week" },
            new[] { "report", Spring, "--by", "month", "--ids" },
            new[] { "compare", Spring, "--channel", "email" },
            new[] { "compare", Spring, "--channel", "in_app_message", "--rate", "ImpressionConversionRate", "--ids" },
        })
        {
            var lines = Lines(await AtWidth(columns, args));
            Assert.All(lines, l => Assert.True(l.Length <= columns, $"{string.Join(" ", args)}: {l.Length} > {columns}: {l}"));
        }
    }

    [Fact]
    public async Task Compare_says_better_worse_or_no_difference_yet_with_percentages_and_no_exponent()
    {
        var lines = Lines(await AtWidth(120, "compare", Spring, "--channel", "email"));
        var text = string.Join("\n", lines);
        Assert.DoesNotMatch(@"\d[eE][+-]?\d", text.Replace("< 1e-300", string.Empty, StringComparison.Ordinal)); // was 4.39042E-110
        Assert.DoesNotContain("p = 0.", text.Split('\n').Single(l => l.StartsWith("Chi-square", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("Chi-square across arms: 2,030.68 (df 2), p < 1e-300.", text, StringComparison.Ordinal); // was "p = 0"
        Assert.Contains("95% CI", lines[1], StringComparison.Ordinal);
        Assert.Contains("Verdicts at 95% confidence, p-values Holm-adjusted across 2 variations; rates with 95% Wilson intervals", text, StringComparison.Ordinal);
        Assert.Contains("Sample ratio check (exposure; equal split): the split looks as intended (p = 0.1050).", text, StringComparison.Ordinal);
        Assert.Matches(@"^Subject - 20% Off\s.*\+33\.4%.*\sbetter$", lines.Single(l => l.StartsWith("Subject - 20% Off", StringComparison.Ordinal)).TrimEnd());

        // SMS: no variation differs from the control.
        var sms = Lines(await AtWidth(120, "compare", Spring, "--channel", "sms"));
        Assert.All(sms.Where(l => l.StartsWith("SMS - ", StringComparison.Ordinal)), l => Assert.EndsWith("no difference yet", l.TrimEnd(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_split_far_from_the_intended_one_says_investigate()
    {
        // The control received a third of what each variation did, on an intended equal split.
        var day = "{\"time\":\"2026-03-0D\",\"messages\":{\"email\":["
            + "{\"variation_api_id\":\"ctl\",\"variation_name\":\"Control Group\",\"enrolled\":1000,\"unique_recipients\":1000,\"conversions\":10},"
            + "{\"variation_api_id\":\"a\",\"variation_name\":\"Variant A\",\"sent\":3000,\"unique_recipients\":3000,\"conversions\":36},"
            + "{\"variation_api_id\":\"b\",\"variation_name\":\"Variant B\",\"sent\":3000,\"unique_recipients\":3000,\"conversions\":31}]}}";
        var file = Write("skewed.json", "{\"message\":\"success\",\"data\":[" + day.Replace("0D", "01", StringComparison.Ordinal) + "," + day.Replace("0D", "02", StringComparison.Ordinal) + "]}");
        var text = string.Join("\n", Lines(await CliRunner.RunAsync("compare", file, "--channel", "email")));
        Assert.Contains("Sample ratio check (exposure; equal split): investigate: p < 1e-300, the arms' sizes are further from the intended split than chance explains.", text, StringComparison.Ordinal);
        Assert.Contains(": the split looks as intended (p = ", string.Join("\n", Lines(await CliRunner.RunAsync("compare", file, "--channel", "email", "--split", "1,3,3"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_filters_by_channel_rate_and_variation_as_the_library_computes()
    {
        var result = await CliRunner.RunAsync("report", Spring, "--by", "week", "--channel", "email", "--rate", "uniqueclickrate", "--variation", "Subject - 20% Off", "--variation", "1A31F807-1020-408E-A839-6895E344DAC7", "--format", "csv");
        var rows = Csv.Parse(Lines(result).Length > 0 ? result.Stdout : string.Empty).Skip(1).ToList();
        var expected = CampaignRates.Compute(Frames.CampaignDataSet.Create(Cat, "spring-sale", Load("spring-sale.json")), new RateGrouping(Period: RatePeriod.IsoWeek))
            .Where(r => r.Channel == "email" && r.Rate == "UniqueClickRate" && r.VariationName is "Subject - 20% Off" or "Subject - Free Shipping")
            .ToList();
        Assert.Equal(15 * 2, expected.Count);
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(new[] { "email", expected[i].VariationName, "UniqueClickRate" }, new[] { rows[i][3], rows[i][5], rows[i][6] });
            AssertNumber(expected[i].Value, rows[i][9]);
        }

        // Two channels, and every row of the unfiltered report that matches.
        var two = Csv.Parse((await CliRunner.RunAsync("report", Spring, "--channel", "email", "--channel", "sms", "--format", "csv")).Stdout).Skip(1).ToList();
        Assert.Equal(new[] { "email", "sms" }, two.Select(r => r[3]).Distinct().OrderBy(c => c, StringComparer.Ordinal));
        var all = Csv.Parse((await CliRunner.RunAsync("report", Spring, "--format", "csv")).Stdout).Skip(1).ToList();
        Assert.Equal(all.Count(r => r[3] is "email" or "sms"), two.Count);
    }

    [Fact]
    public async Task Filter_values_are_checked_against_the_catalogue_and_the_input_with_a_suggestion()
    {
        // Only trigger_in_app_message in the input: in_app_message is a channel of the schema, but not of this input.
        var triggered = Write("triggered.json", "{\"message\":\"success\",\"data\":[{\"time\":\"2026-03-01\",\"messages\":{\"trigger_in_app_message\":["
            + "{\"variation_api_id\":\"t1\",\"variation_name\":\"Banner\",\"impressions\":100,\"clicks\":5,\"unique_recipients\":90,\"conversions\":2}]}}]}");
        foreach (var command in new[] { "report", "compare" })
        {
            UserErrorTests.AssertUserError(await CliRunner.RunAsync(command, triggered, "--channel", "in_app_message"),
                "--channel:", "no 'in_app_message' variations", "did you mean 'trigger_in_app_message'?", "channels it holds: trigger_in_app_message");
            UserErrorTests.AssertUserError(await CliRunner.RunAsync(command, Spring, "--channel", "emial"), "--channel:", "'emial'", "did you mean 'email'?", "trigger_in_app_message");
        }

        UserErrorTests.AssertUserError(await CliRunner.RunAsync("report", Spring, "--rate", "UniqueClickRat"), "--rate:", "did you mean 'UniqueClickRate'?", "ImpressionConversionRate");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("report", Spring, "--channel", "sms", "--rate", "UniqueClickRate"), "--rate:", "UniqueClickRate is a rate of email", "not of channel sms", "ClickRate");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("report", Spring, "--channel", "email", "--variation", "Subject - 25% Off"), "--variation:", "channel email", "did you mean 'Subject - 20% Off'?");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("report", triggered, "--rate", "UniqueClickRate"), "--rate:", "not of the channels in the input");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("compare", Spring, "--channel", "email", "--rate", "uniqueclickrat"), "--rate:", "did you mean 'UniqueClickRate'?");

        // Valid everywhere, but no row has them together: a note, not a silent empty table.
        var none = await CliRunner.RunAsync("report", Spring, "--rate", "DeliveryRate", "--variation", "Control Group", "--format", "csv");
        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Single(Csv.Parse(none.Stdout));
        Assert.Equal(new[] { "note: no rate matches --channel, --rate and --variation together in the days given." }, Notes(none));
    }

    [Fact]
    public async Task A_window_beyond_the_data_gets_a_note_not_a_silent_empty_table()
    {
        foreach (var format in new[] { "table", "csv", "json" })
        {
            var result = await CliRunner.RunAsync("report", Spring, "--from", "2025-07-01", "--format", format);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(new[] { "note: campaign spring-sale has no data from 2025-07-01 on: its data covers 2025-03-01..2025-06-08." }, Notes(result));
        }

        var before = await CliRunner.RunAsync("report", Spring, "--from", "2024-01-01", "--to", "2024-12-31", "--format", "csv");
        Assert.Equal(new[] { "note: campaign spring-sale has no data from 2024-01-01 to 2024-12-31: its data covers 2025-03-01..2025-06-08." }, Notes(before));

        var export = await CliRunner.RunAsync("export", Spring, "--layout", "long", "--to", "2025-01-31", "--out", Path.Combine(_dir, "none.csv"));
        Assert.Equal(new[] { "note: campaign spring-sale has no data up to 2025-01-31: its data covers 2025-03-01..2025-06-08." }, Notes(export));

        // A store read for a window outside what it holds says the same.
        var store = Path.Combine(_dir, "spring.db");
        using (var s = CampaignStore.Open(store))
        {
            s.UpsertResponse("cmp-s", Load("spring-sale.json"));
        }

        var stored = await CliRunner.RunAsync("report", "--store", store, "--campaign", "cmp-s", "--from", "2025-07-01", "--to", "2025-07-31", "--format", "csv");
        Assert.True(stored.ExitCode == 0, stored.ToString());
        Assert.Equal(new[] { "note: campaign cmp-s has no data from 2025-07-01 to 2025-07-31: its data covers 2025-03-01..2025-06-08." }, Notes(stored));
    }

    [Fact]
    public async Task Help_of_every_command_shows_examples_and_the_valid_channels_and_rates()
    {
        foreach (var command in new[] { new[] { "report" }, new[] { "compare" }, new[] { "export" }, new[] { "fetch" }, new[] { "schema", "check" }, Array.Empty<string>() })
        {
            var result = await CliRunner.RunAsync(command.Append("--help").ToArray());
            Assert.True(result.ExitCode == 0, result.ToString());
            var examples = result.Stdout.ReplaceLineEndings("\n").Split("Examples:\n")[^1].Split('\n').TakeWhile(l => l.Length > 0).ToList();
            Assert.InRange(examples.Count, 2, 3);
            Assert.All(examples, e => Assert.StartsWith("  campaign-analytics " + string.Join(" ", command), e, StringComparison.Ordinal));
        }

        foreach (var command in new[] { "report", "compare" })
        {
            var help = (await CliRunner.RunAsync(command, "--help")).Stdout;
            var text = Regex.Replace(help, @"\s+", " ");
            foreach (var channel in Cat.Channels)
            {
                Assert.Contains(channel.Key, text, StringComparison.Ordinal);
                foreach (var rate in channel.Rates)
                {
                    Assert.Contains(rate.Name, text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Export_refuses_an_extension_it_does_not_write_and_writes_to_stdout_for_a_dash()
    {
        var xlsx = Path.Combine(_dir, "x.xlsx");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("export", Spring, "--layout", "long", "--out", xlsx), "--out", "x.xlsx", "unknown extension '.xlsx'", ".csv, .json or .parquet");
        Assert.False(File.Exists(xlsx));
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("export", Spring, "--layout", "long", "--format", "json", "--out", Path.Combine(_dir, "x.csv")), "--format json does not match", "x.csv");

        // --out -: the same bytes on stdout as in a file, in any format; the count goes to stderr.
        var file = Path.Combine(_dir, "long.csv");
        Assert.Equal(0, (await CliRunner.RunAsync("export", Spring, "--layout", "long", "--out", file)).ExitCode);
        var stdout = await CliRunner.RunAsync("export", Spring, "--layout", "long", "--out", "-");
        Assert.True(stdout.ExitCode == 0, stdout.ToString());
        Assert.Equal(File.ReadAllText(file), stdout.Stdout);
        Assert.Contains("to stdout", stdout.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "-"))); // the tool runs there

        var json = await CliRunner.RunAsync("export", Spring, "--layout", "wide", "--format", "json", "--out", "-");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(json.Stdout).RootElement.ValueKind);
    }
}
