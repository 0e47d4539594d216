using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Store;
using static CampaignAnalytics.Cli.Tests.Library;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// Filtered <c>report</c> and <c>compare</c> (one campaign and <c>--all</c>) read one campaign at a time: the filtered rows
/// are the unfiltered rows that match, over several files and a whole store, and no more than a few campaigns' days are
/// alive at once however many campaigns there are (watched through <see cref="InputLoader.Loaded"/>, in process).
/// </summary>
public sealed class StreamedFilterAndCompareTests : IDisposable
{
    private const int Campaigns = 10;
    private static readonly string[] Samples = { "spring-sale.json", "welcome-series.json" };
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-streamed-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The two samples, copied under <see cref="Campaigns"/> campaign names (c01 spring, c02 welcome, ...).</summary>
    private string[] Files()
    {
        return Enumerable.Range(1, Campaigns).Select(i =>
        {
            var path = Path.Combine(_dir, $"c{i:00}.json");
            File.Copy(CliRunner.Data(Samples[(i - 1) % 2]), path, overwrite: true);
            return path;
        }).ToArray();
    }

    /// <summary>A store holding the same campaigns.</summary>
    private string Store()
    {
        var path = Path.Combine(_dir, "campaigns.db");
        using var store = CampaignStore.Open(path);
        for (var i = 1; i <= Campaigns; i++)
        {
            store.UpsertResponse($"c{i:00}", Load(Samples[(i - 1) % 2]));
        }

        return path;
    }

    public static TheoryData<string[], string[]?, string[]?, string[]?> Filters => new()
    {
        { new[] { "--channel", "webhook" }, new[] { "webhook" }, null, null },
        { new[] { "--channel", "email", "--channel", "ios_push" }, new[] { "email", "ios_push" }, null, null },
        { new[] { "--rate", "uniqueclickrate" }, null, new[] { "UniqueClickRate" }, null },
        { new[] { "--variation", "push - flash sale", "--variation", "Welcome - Product Tour" }, null, null, new[] { "push - flash sale", "Welcome - Product Tour" } },
        { new[] { "--channel", "email", "--rate", "ConversionRate", "--variation", "Control Group" }, new[] { "email" }, new[] { "ConversionRate" }, new[] { "Control Group" } },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_filtered_report_over_several_files_and_a_whole_store_is_the_unfiltered_report_s_matching_rows(string[] filter, string[]? channels, string[]? rates, string[]? variations)
    {
        var files = Files();
        var store = Store();
        foreach (var input in new[] { files, new[] { "--store", store, "--all" } })
        {
            var all = await CliRunner.RunAsync(new[] { "report", "--by", "week", "--format", "csv" }.Concat(input));
            Assert.True(all.ExitCode == 0, all.ToString());
            var filtered = await CliRunner.RunAsync(new[] { "report", "--by", "week", "--format", "csv" }.Concat(input).Concat(filter));
            Assert.True(filtered.ExitCode == 0, filtered.ToString());

            var rows = Csv.Parse(all.Stdout);
            var expected = rows.Take(1).Concat(rows.Skip(1).Where(r =>
                (channels is null || channels.Contains(r[3]))
                && (rates is null || rates.Contains(r[6]))
                && (variations is null || variations.Any(v => string.Equals(v, r[5], StringComparison.OrdinalIgnoreCase) || string.Equals(v, r[4], StringComparison.OrdinalIgnoreCase)))));
            var got = Csv.Parse(filtered.Stdout);
            Assert.True(got.Count > 1, filtered.ToString());
            Assert.Equal(expected.Select(r => string.Join(",", r)), got.Select(r => string.Join(",", r)));
            Assert.Equal(all.Stderr, filtered.Stderr);
        }
    }

    [Fact]
    public async Task A_filter_is_checked_against_every_campaign_of_the_stream_before_a_row_is_written()
    {
        var files = Files();

        // webhook is only in the second campaign, a variation only in the last: both are found.
        var webhook = await CliRunner.RunAsync(new[] { "report", "--format", "csv", "--channel", "webhook", "--variation", "Webhook - Welcome Pack" }.Concat(files));
        Assert.True(webhook.ExitCode == 0, webhook.ToString());

        var sms = await CliRunner.RunAsync(new[] { "report", "--format", "csv", "--channel", "whats_app" }.Concat(files));
        UserErrorTests.AssertUserError(sms, "--channel: the input has no 'whats_app' variations in the days given");
        Assert.Equal(string.Empty, sms.Stdout);

        var nope = await CliRunner.RunAsync(new[] { "report", "--format", "csv", "--variation", "Subject - 30% Off" }.Concat(files));
        UserErrorTests.AssertUserError(nope, "--variation: no variation 'Subject - 30% Off' in the input", "Welcome - Discount Code");
        Assert.Equal(string.Empty, nope.Stdout);

        // A campaign that cannot be read fails the filtered report before any row, as the whole load did.
        var broken = Path.Combine(_dir, "broken.json");
        File.WriteAllText(broken, "{\"message\":\"success\",\"data\":[");
        var failed = await CliRunner.RunAsync(new[] { "report", "--format", "csv", "--channel", "email" }.Concat(files).Append(broken));
        UserErrorTests.AssertUserError(failed, "broken.json");
        Assert.Equal(string.Empty, failed.Stdout);
    }

    [Fact]
    public async Task All_without_a_store_is_a_user_error_for_every_command_filtered_or_not()
    {
        var spring = CliRunner.Data("spring-sale.json");
        foreach (var args in new[]
        {
            new[] { "report", spring, "--all", "--format", "csv" },
            new[] { "report", spring, "--all", "--channel", "email", "--format", "csv" },
            new[] { "export", spring, "--all", "--layout", "long", "--out", "-" },
            new[] { "compare", spring, "--all", "--channel", "email" },
        })
        {
            var result = await CliRunner.RunAsync(args);
            UserErrorTests.AssertUserError(result, "--all reads every campaign of a store: give --store PATH.");
            Assert.Equal(string.Empty, result.Stdout);
        }
    }

    [Fact]
    public async Task Compare_of_several_campaigns_still_names_them_all()
    {
        var files = Files();
        var result = await CliRunner.RunAsync(new[] { "compare", "--channel", "email" }.Concat(files.Take(3)));
        UserErrorTests.AssertUserError(result, "compare works on one campaign, got 3: c01, c02, c03; pass --campaign-id");
    }

    /// <summary>
    /// The report reads and sums up to two campaigns at once on other threads: its rows are still each campaign's own
    /// report in input order, its notes those of every campaign (an unknown field in two of them, a window note), and a
    /// campaign that cannot be read still fails the run with its own message.
    /// </summary>
    [Fact]
    public async Task A_report_of_campaigns_read_side_by_side_is_each_campaign_s_report_in_input_order()
    {
        var files = Files();
        foreach (var i in new[] { 3, 8 })
        {
            var text = File.ReadAllText(files[i]);
            File.WriteAllText(files[i], text.Replace("\"message\":", $"\"extra_{i}\":1,\"message\":", StringComparison.Ordinal));
        }

        var window = new[] { "--from", "2025-03-01", "--to", "2025-03-31" };
        var all = await CliRunner.RunAsync(new[] { "report", "--by", "week", "--format", "csv" }.Concat(window).Concat(files));
        Assert.True(all.ExitCode == 0, all.ToString());
        var expected = new List<string>();
        foreach (var file in files)
        {
            var one = await CliRunner.RunAsync(new[] { "report", "--by", "week", "--format", "csv" }.Concat(window).Append(file));
            Assert.True(one.ExitCode == 0, one.ToString());
            var lines = one.Stdout.TrimEnd('\n').Split('\n');
            expected.AddRange(expected.Count == 0 ? lines : lines.Skip(1));
        }

        Assert.Equal(expected, all.Stdout.TrimEnd('\n').Split('\n'));
        Assert.Contains("2 unknown fields (extra_3 on the response, extra_8 on the response)", all.Stderr, StringComparison.Ordinal);

        var broken = Path.Combine(_dir, "c05.json");
        File.WriteAllText(broken, "{\"message\":\"success\",\"data\":[");
        var failed = await CliRunner.RunAsync(new[] { "report", "--by", "week", "--format", "csv" }.Concat(files));
        UserErrorTests.AssertUserError(failed, "c05.json");
    }

    [Theory]
    [InlineData("report")]
    [InlineData("report", "--channel", "email")]
    [InlineData("report", "--rate", "UniqueClickRate")]
    [InlineData("report", "--variation", "Control Group")]
    [InlineData("compare", "--all", "--channel", "email")]
    [InlineData("compare", "--all", "--channel", "ios_push", "--format", "csv")]
    public void At_most_three_campaigns_days_are_alive_at_once_however_many_are_read(params string[] command)
    {
        var store = Store();
        var args = new[] { command[0], "--store", store }
            .Concat(command.Contains("--all") ? Array.Empty<string>() : new[] { "--all", "--by", "month" })
            .Concat(command.Skip(1))
            .Concat(command.Contains("--format") ? Array.Empty<string>() : new[] { "--format", "json" })
            .ToArray();
        var (exit, loaded, maxAlive) = InProcess(args);
        Assert.Equal(0, exit);
        Assert.True(maxAlive <= 3, $"{maxAlive} of {Campaigns} campaigns' days alive at once");
        Assert.Equal(Campaigns * (command[0] == "report" && command.Length > 1 ? 2 : 1), loaded); // a filtered report reads twice: once to check the filter, once for the rows
    }

    /// <summary>
    /// Runs the tool in this process, and each time a campaign is read collects the garbage and counts the campaigns
    /// whose days are still alive.
    /// </summary>
    private static (int Exit, int Loaded, int MaxAlive) InProcess(string[] args)
    {
        var days = new List<WeakReference>();
        var max = 0;
        var gate = new object();
        InputLoader.Loaded.Value = input =>
        {
            lock (gate)
            {
                days.Add(new WeakReference(input.Days));
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                max = Math.Max(max, days.Count(d => d.IsAlive));
            }
        };
        try
        {
            var exit = Program.Main(args);
            lock (gate)
            {
                return (exit, days.Count, max);
            }
        }
        finally
        {
            InputLoader.Loaded.Value = null;
        }
    }
}
