using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using CampaignAnalytics.Generators.Tests.Infrastructure;
using CampaignAnalytics.Store;
using Spectre.Console.Testing;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// The portfolio at the command line against the loopback fake workspace: fetch --all (discovery, archived, one failing
/// campaign, kill and resume), campaigns list, --store --all and --campaign NAME for report/compare/export, compare --all,
/// and the README's three commands as written.
/// </summary>
public sealed class PortfolioCliTests : IDisposable
{
    private const string ApiKey = "sk-TEST-Qx7Zr9Wk3Vb2Hn5Jm8Lp4";
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-portfolio-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Db => Path.Combine(_dir, "campaigns.db");

    private static Dictionary<string, string?> WithKey() => new() { ["BRAZE_API_KEY"] = ApiKey };

    private Task<CliResult> FetchAllAsync(FakeBrazeServer server, params string[] more) =>
        CliRunner.RunAsync(new[] { "fetch", "--all", "--days", "20", "--endpoint", server.BaseUri.ToString(), "--store", Db }.Concat(more), WithKey());

    private static string[] Lines(string text) => text.TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public async Task Fetch_all_discovers_every_page_stores_each_campaign_and_ends_with_a_summary()
    {
        var workspace = FakeWorkspace.Create(120);
        await using var server = new FakeBrazeServer(workspace);

        var result = await FetchAllAsync(server);

        Assert.True(result.ExitCode == 0, result.ToString());
        var active = workspace.Campaigns.Where(c => !c.Archived).ToList();
        Assert.Equal(2, server.Requests.Count(r => r.Path == "/campaigns/list"));
        // The summary and the last log line count every request the server received: list pages, details, series.
        Assert.Contains($"synced {active.Count} of {active.Count} campaigns into {Db}: {active.Count * 20} days added, 0 restated, {server.Requests.Count} requests (0 rate-limit waits).", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"[1/{active.Count}]", result.Stderr, StringComparison.Ordinal); // plain log lines, not a progress display
        var numbers = Lines(result.Stderr).Select(l => System.Text.RegularExpressions.Regex.Match(l, $@"^\[(\d+)/{active.Count}\] ")).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(1, active.Count), numbers.Where(n => n > 0)); // one line per campaign, in order (after the [0/N] of discovery)
        Assert.Matches($@"\[{active.Count}/{active.Count}\] .* · {server.Requests.Count} requests \(0 rate-limit waits\)", result.Stderr);
        Assert.Empty(result.Stdout);
        FetchTrustTests.AssertNoPartOfKey(result, ApiKey);

        var list = await CliRunner.RunAsync("campaigns", "list", "--store", Db, "--format", "csv");
        Assert.True(list.ExitCode == 0, list.ToString());
        var rows = Csv.Parse(list.Stdout);
        Assert.Equal("campaign_id,name,tags,first_sent,last_sent,days_stored,archived,last_edited", string.Join(",", rows[0]));
        Assert.Equal(active.Count, rows.Count - 1);
        var first = rows.Single(r => r[0] == workspace.Campaigns[0].Id);
        Assert.Equal(workspace.Campaigns[0].Name, first[1]);
        Assert.Equal("promo;q1", first[2]);
        Assert.StartsWith("2024-01-01", first[3], StringComparison.Ordinal);
        Assert.Equal("20", first[5]);
    }

    [Fact]
    public async Task Fetch_all_include_archived_stores_archived_campaigns_too_and_the_api_list_shows_them()
    {
        var workspace = FakeWorkspace.Create(14);
        await using var server = new FakeBrazeServer(workspace);

        var result = await FetchAllAsync(server, "--include-archived");

        Assert.True(result.ExitCode == 0, result.ToString());
        using (var store = CampaignStore.Open(Db))
        {
            Assert.True(store.GetCampaign(workspace.Campaigns[6].Id)!.Archived);
            Assert.Equal(14, store.ListCampaigns().Count);
        }

        var api = await CliRunner.RunAsync(new[] { "campaigns", "list", "--endpoint", server.BaseUri.ToString(), "--format", "csv" }, WithKey());
        Assert.True(api.ExitCode == 0, api.ToString());
        Assert.Equal(12, Csv.Parse(api.Stdout).Count - 1); // 12 active of 14
    }

    [Fact]
    public async Task One_failing_campaign_does_not_fail_the_others_and_the_exit_code_says_some_failed()
    {
        var workspace = FakeWorkspace.Create(6);
        await using var server = new FakeBrazeServer(workspace);
        var broken = workspace.Campaigns[2].Id;
        server.AddFault(new FakeFault(FakeFaultKind.ServerError) { Endpoint = "/campaigns/data_series", Id = broken });

        var result = await FetchAllAsync(server);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("failed by cause: ServerError 1.", result.Stderr, StringComparison.Ordinal);
        var last = Lines(result.Stderr)[^1];
        Assert.StartsWith("campaign-analytics: 1 of 6 campaigns failed at ", last, StringComparison.Ordinal);
        Assert.EndsWith($"the other 5 were stored in {Db} (run the same command again to retry).", last, StringComparison.Ordinal);
        Assert.Contains($"note: {broken} (", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
        FetchTrustTests.AssertNoPartOfKey(result, ApiKey);
        using var store = CampaignStore.Open(Db);
        Assert.Equal(5, store.ListCampaigns().Count);
        Assert.DoesNotContain(broken, store.ListCampaigns());
    }

    [Fact]
    public async Task Fetch_all_progress_display_shows_campaigns_done_of_total_and_every_request_sent()
    {
        var workspace = FakeWorkspace.Create(30);
        await using var server = new FakeBrazeServer(workspace);
        var console = new TestConsole().Width(220).Interactive();
        var waits = new CampaignAnalytics.Cli.Commands.FetchWaitNotes();
        using var client = CampaignAnalytics.Api.DataSeriesClient.CreateForAnyCatalogue(
            new CampaignAnalytics.Api.DataSeriesClientOptions(CampaignAnalytics.Api.BrazeInstance.FromUrl(server.BaseUri), ApiKey),
            CampaignAnalytics.Models.CampaignDataSeriesCatalogue.Instance,
            waits: waits);
        using var store = CampaignStore.Open(Db);

        var result = await CampaignAnalytics.Cli.Commands.FetchCommand.SyncWithProgressAsync(
            console, store, client, new NodaTime.DateInterval(new NodaTime.LocalDate(2026, 10, 1), new NodaTime.LocalDate(2026, 10, 20)), new PortfolioSyncOptions(), canvases: false, waits, CancellationToken.None);

        var active = workspace.Campaigns.Count(c => !c.Archived);
        Assert.Equal(active, result.Synced);
        Assert.Equal(server.Requests.Count, client.RequestsSent);
        Assert.Contains($"{active}/{active} campaigns · {server.Requests.Count} requests (0 rate-limit waits)", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey[..8], console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_whose_details_braze_answers_with_its_error_envelope_is_one_clear_failure_quoting_braze()
    {
        var workspace = FakeWorkspace.Create(6);
        var gone = workspace.Campaigns[3];
        gone.DeletedFromDetails = true;
        await using var server = new FakeBrazeServer(workspace);

        var result = await FetchAllAsync(server);

        // Braze refused this campaign's details (a 200 with {"message": "Invalid campaign_id"}) and synced the others: exit 1,
        // not a user error (2 is for Braze refusing every one).
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("failed by cause: Rejected 1.", result.Stderr, StringComparison.Ordinal);
        var note = Assert.Single(Lines(result.Stderr), l => l.StartsWith($"note: {gone.Id} (", StringComparison.Ordinal));
        Assert.Contains("Invalid campaign_id", note, StringComparison.Ordinal);
        Assert.Contains("campaigns/details", note, StringComparison.Ordinal);
        Assert.StartsWith("campaign-analytics: 1 of 6 campaigns failed at ", Lines(result.Stderr)[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
        FetchTrustTests.AssertNoPartOfKey(result, ApiKey);
    }

    [Fact]
    public async Task Fetch_all_with_a_campaign_or_without_a_store_is_a_user_error()
    {
        await using var server = new FakeBrazeServer(FakeWorkspace.Create(2));
        UserErrorTests.AssertUserError(await CliRunner.RunAsync(new[] { "fetch", "--all", "--days", "3", "--endpoint", server.BaseUri.ToString() }, WithKey()), "--store PATH");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync(new[] { "fetch", "--all", "--campaign", "x", "--days", "3", "--endpoint", server.BaseUri.ToString(), "--store", Db }, WithKey()), "--campaign ID or --all");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync(new[] { "fetch", "--include-archived", "--days", "3", "--endpoint", server.BaseUri.ToString(), "--store", Db }, WithKey()), "--all");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync(new[] { "fetch", "--days", "3", "--endpoint", server.BaseUri.ToString(), "--store", Db }, WithKey()), "--campaign ID", "--all");
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_all_killed_mid_sync_resumes_without_fetching_again_what_is_stored()
    {
        var workspace = FakeWorkspace.Create(48);
        await using var server = new FakeBrazeServer(workspace, new FakeBrazeOptions { Latency = TimeSpan.FromMilliseconds(400) });

        await RunUntilFirstStoredThenKillAsync(server);
        HashSet<string> stored, withDetails;
        using (var store = CampaignStore.Open(Db))
        {
            var campaigns = store.ListStoredCampaigns();
            stored = campaigns.Where(c => c.DaysStored > 0).Select(c => c.CampaignId).ToHashSet(StringComparer.Ordinal);
            withDetails = campaigns.Where(c => c.Details is not null).Select(c => c.CampaignId).ToHashSet(StringComparer.Ordinal);
            Assert.All(campaigns.Where(c => c.DaysStored > 0), c => Assert.Equal(20, c.DaysStored)); // each campaign whole or absent
        }

        var active = workspace.Campaigns.Where(c => !c.Archived).Select(c => c.Id).ToList();
        Assert.NotEmpty(stored);
        Assert.True(stored.Count < active.Count, "the kill came after every campaign was stored: nothing to resume");
        server.Requests.Clear();

        var resumed = await FetchAllAsync(server);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        // Details stored before the kill are not asked again (last_edited did not move); stored days only in the restatement window.
        Assert.DoesNotContain(server.Requests, r => r.Path == "/campaigns/details" && withDetails.Contains(r.CampaignId!));
        Assert.All(server.Requests.Where(r => r.Path == "/campaigns/data_series" && stored.Contains(r.CampaignId!)), r => Assert.Equal("14", r.Length));
        Assert.All(server.Requests.Where(r => r.Path == "/campaigns/data_series" && !stored.Contains(r.CampaignId!)), r => Assert.Equal("20", r.Length));
        Assert.Contains($"{(active.Count - stored.Count) * 20} days added", resumed.Stderr, StringComparison.Ordinal);
        using var after = CampaignStore.Open(Db);
        Assert.Equal(active.OrderBy(i => i, StringComparer.Ordinal), after.ListCampaigns());
        Assert.All(after.ListStoredCampaigns(), c => Assert.Equal(20, c.DaysStored));
    }

    [Fact]
    public async Task Fetch_all_kind_canvases_discovers_every_page_stores_details_and_series_and_counts_canvases()
    {
        var workspace = FakeWorkspace.Create(2, canvases: 120);
        await using var server = new FakeBrazeServer(workspace);

        var result = await FetchAllAsync(server, "--kind", "canvases");

        Assert.True(result.ExitCode == 0, result.ToString());
        var active = workspace.Canvases.Where(c => !c.Archived).ToList();
        Assert.Equal(2, server.Requests.Count(r => r.Path == "/canvas/list"));
        Assert.DoesNotContain(server.Requests, r => r.Path.StartsWith("/campaigns/", StringComparison.Ordinal));
        Assert.Equal(active.Count, server.Requests.Count(r => r.Path == "/canvas/details"));
        Assert.Contains($"synced {active.Count} of {active.Count} canvases into {Db}: {active.Count * 20} days added, 0 restated, {server.Requests.Count} requests (0 rate-limit waits).", result.Stderr, StringComparison.Ordinal);
        FetchTrustTests.AssertNoPartOfKey(result, ApiKey);
        using (var store = CampaignStore.Open(Db))
        {
            var canvases = store.ListCanvases();
            Assert.Equal(active.Select(c => c.Id).OrderBy(i => i, StringComparer.Ordinal), canvases.Select(c => c.CanvasId));
            Assert.All(canvases, c => Assert.Equal(20, c.StoredDays));
            Assert.Equal(active[0].Name, store.ReadCanvasDetails(active[0].Id)!.Name);
        }

        var list = await CliRunner.RunAsync("canvases", "list", "--store", Db, "--format", "csv");
        Assert.True(list.ExitCode == 0, list.ToString());
        var rows = Csv.Parse(list.Stdout);
        Assert.Equal("canvas_id,name,tags,days_stored,last_edited", string.Join(",", rows[0]));
        Assert.Equal(active.Count, rows.Count - 1);
        Assert.Equal("20", rows.Single(r => r[0] == active[0].Id)[3]);

        // A second run: details only when last_edited moved, series only the restatement window.
        server.Requests.Clear();
        var again = await FetchAllAsync(server, "--kind", "canvases");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain(server.Requests, r => r.Path == "/canvas/details");
        Assert.All(server.Requests.Where(r => r.Path == "/canvas/data_series"), r => Assert.Equal("14", r.Length));
    }

    [Fact]
    public async Task Fetch_all_kind_all_syncs_campaigns_and_canvases_and_counts_them_apart_and_archived_canvases_need_include_archived()
    {
        var workspace = FakeWorkspace.Create(3, canvases: 8);
        await using var server = new FakeBrazeServer(workspace);

        var result = await FetchAllAsync(server, "--kind", "all", "--include-archived");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"synced 3 of 3 campaigns and 8 of 8 canvases into {Db}: {11 * 20} days added, 0 restated, {server.Requests.Count} requests (0 rate-limit waits).", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.Path == "/canvas/list" && r.Parameter("include_archived") == "true");
        using var store = CampaignStore.Open(Db);
        Assert.Equal(3, store.ListCampaigns().Count);
        Assert.Equal(8, store.ListCanvases().Count);
    }

    [Fact]
    public async Task Fetch_all_kind_canvases_one_failing_canvas_does_not_fail_the_others()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 5);
        await using var server = new FakeBrazeServer(workspace);
        var broken = workspace.Canvases[1].Id;
        server.AddFault(new FakeFault(FakeFaultKind.ServerError) { Endpoint = "/canvas/data_series", Id = broken });

        var result = await FetchAllAsync(server, "--kind", "canvases");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("synced 4 of 5 canvases", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("failed by cause: ServerError 1.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"note: canvas {broken} (", result.Stderr, StringComparison.Ordinal);
        var last = Lines(result.Stderr)[^1];
        Assert.StartsWith("campaign-analytics: 1 of 5 canvases failed at ", last, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
        FetchTrustTests.AssertNoPartOfKey(result, ApiKey);
        using var store = CampaignStore.Open(Db);
        Assert.Equal(4, store.ListCanvases().Count(c => c.StoredDays == 20));
        Assert.Equal(0, store.ListCanvases().Single(c => c.CanvasId == broken).StoredDays);
    }

    [Fact]
    public async Task A_malformed_list_or_details_body_says_which_endpoint_sent_it()
    {
        await using var server = new FakeBrazeServer(FakeWorkspace.Create(2, canvases: 2));
        server.AddFault(new FakeFault(FakeFaultKind.MalformedBody) { Endpoint = "/campaigns/list" });
        server.AddFault(new FakeFault(FakeFaultKind.MalformedBody) { Endpoint = "/canvas/details", Times = 1 });

        var list = await CliRunner.RunAsync(new[] { "campaigns", "list", "--endpoint", server.BaseUri.ToString() }, WithKey());
        Assert.True(list.ExitCode == 1, list.ToString());
        Assert.Single(Lines(list.Stderr));
        Assert.Contains("malformed /campaigns/list response", list.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("data series", list.Stderr, StringComparison.Ordinal);

        var fetch = await FetchAllAsync(server, "--kind", "canvases");
        Assert.True(fetch.ExitCode == 1, fetch.ToString());
        Assert.True(fetch.Stderr.Contains("failed by cause: MalformedResponse 1.", StringComparison.Ordinal), fetch.ToString());
        Assert.Contains("malformed /canvas/details response", fetch.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("data series", fetch.Stderr, StringComparison.Ordinal);
        FetchTrustTests.AssertNoPartOfKey(list, ApiKey);
        FetchTrustTests.AssertNoPartOfKey(fetch, ApiKey);
    }

    [Fact]
    public async Task Fetch_all_kind_is_checked_and_goes_with_all()
    {
        await using var server = new FakeBrazeServer(FakeWorkspace.Create(1, canvases: 1));
        UserErrorTests.AssertUserError(await FetchAllAsync(server, "--kind", "journeys"), "--kind", "campaigns, canvases, all");
        UserErrorTests.AssertUserError(await CliRunner.RunAsync(new[] { "fetch", "--kind", "canvases", "--days", "3", "--endpoint", server.BaseUri.ToString(), "--store", Db }, WithKey()), "--kind goes with --all");
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_all_kind_canvases_killed_mid_sync_resumes_without_fetching_again_what_is_stored()
    {
        var workspace = FakeWorkspace.Create(0, canvases: 32);
        await using var server = new FakeBrazeServer(workspace, new FakeBrazeOptions { Latency = TimeSpan.FromMilliseconds(300) });

        await RunUntilFirstStoredThenKillAsync(server, "--kind", "canvases");
        HashSet<string> stored;
        using (var store = CampaignStore.Open(Db))
        {
            var canvases = store.ListCanvases();
            stored = canvases.Where(c => c.StoredDays > 0).Select(c => c.CanvasId).ToHashSet(StringComparer.Ordinal);
        }

        Assert.NotEmpty(stored);
        Assert.True(stored.Count < workspace.Canvases.Count, "the kill came after every canvas was stored: nothing to resume");
        server.Requests.Clear();

        var resumed = await FetchAllAsync(server, "--kind", "canvases");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.DoesNotContain(server.Requests, r => r.Path == "/canvas/details" && stored.Contains(r.Id!));
        Assert.All(server.Requests.Where(r => r.Path == "/canvas/data_series" && stored.Contains(r.Id!)), r => Assert.Equal("14", r.Length));
        using var after = CampaignStore.Open(Db);
        Assert.All(after.ListCanvases(), c => Assert.Equal(20, c.StoredDays));
    }

    /// <summary>Starts <c>fetch --all</c> as a process and kills it once its first campaign (or canvas) is stored.</summary>
    private async Task RunUntilFirstStoredThenKillAsync(FakeBrazeServer server, params string[] more)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[] { CliRunner.Dll, "fetch", "--all", "--days", "20", "--endpoint", server.BaseUri.ToString(), "--store", Db }.Concat(more))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["BRAZE_API_KEY"] = ApiKey;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var log = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                log.Add(line);
                if (line.Contains("day(s) new", StringComparison.Ordinal))
                {
                    process.Kill(entireProcessTree: true);
                    break;
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            await stdout;
        }

        Assert.True(log.Any(l => l.Contains("day(s) new", StringComparison.Ordinal)), "fetch --all ended before storing a campaign:\n" + string.Join("\n", log));
    }

    [Fact]
    public async Task Report_compare_and_export_read_a_stored_campaign_by_name_and_add_campaign_name_last()
    {
        var workspace = FakeWorkspace.Create(3);
        await using var server = new FakeBrazeServer(workspace);
        Assert.Equal(0, (await FetchAllAsync(server)).ExitCode);
        var campaign = workspace.Campaigns[0];

        var report = await CliRunner.RunAsync("report", "--store", Db, "--campaign", campaign.Name, "--format", "csv", "--by", "week");
        Assert.True(report.ExitCode == 0, report.ToString());
        var rows = Csv.Parse(report.Stdout);
        Assert.Equal("period_start,period_end,campaign_id,channel,variation_api_id,variation_name,rate,numerator,denominator,value,days,partial,campaign_name", string.Join(",", rows[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal((campaign.Id, campaign.Name), (r[2], r[^1])));

        var export = await CliRunner.RunAsync("export", "--store", Db, "--all", "--layout", "long", "--out", "-");
        Assert.True(export.ExitCode == 0, export.ToString());
        var values = Csv.Parse(export.Stdout);
        Assert.Equal("campaign_id,date,channel,variation_api_id,variation_name,metric,value,campaign_name", string.Join(",", values[0]));
        Assert.Equal(workspace.Campaigns.Where(c => !c.Archived).Select(c => (c.Id, c.Name)).OrderBy(p => p.Id, StringComparer.Ordinal), values.Skip(1).Select(r => (r[0], r[^1])).Distinct().OrderBy(p => p.Item1, StringComparer.Ordinal));

        var compare = await CliRunner.RunAsync("compare", "--store", Db, "--campaign", campaign.Name.ToUpperInvariant(), "--channel", "email");
        Assert.True(compare.ExitCode == 0, compare.ToString());
        Assert.Contains(campaign.Name + " (" + campaign.Id + ") · email", compare.Stdout, StringComparison.Ordinal);
        Assert.Contains("Measures conversion event A: Purchase of \"Feline Body Armor\" (conversions).", compare.Stdout, StringComparison.Ordinal);

        var csv = await CliRunner.RunAsync("compare", "--store", Db, "--campaign", campaign.Id, "--channel", "email", "--format", "csv");
        Assert.True(csv.ExitCode == 0, csv.ToString());
        // The existing columns keep their places; the conversion event measured comes last, as compare --all writes it.
        var table = Csv.Parse(csv.Stdout);
        Assert.Equal("variation_api_id,variation_name,trials,successes,rate,ci_low,ci_high,lift,z,p_value,p_value_holm,prob_beat_control,campaign_name,conversion_event", string.Join(",", table[0]));
        Assert.All(table.Skip(1), r => Assert.Equal((campaign.Name, "A: Purchase of \"Feline Body Armor\""), (r[^2], r[^1])));
        Assert.Contains("note: Measures conversion event A", csv.Stderr, StringComparison.Ordinal);

        var json = await CliRunner.RunAsync("compare", "--store", Db, "--campaign", campaign.Id, "--channel", "email", "--format", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = System.Text.Json.JsonDocument.Parse(json.Stdout);
        Assert.All(document.RootElement.GetProperty("variations").EnumerateArray(), v => Assert.Equal("A: Purchase of \"Feline Body Armor\"", v.GetProperty("conversion_event").GetString()));

        // The sequential readout names the event the same way: the line on the terminal, the columns last in CSV and JSON.
        var sequential = await CliRunner.RunAsync("compare", "--store", Db, "--campaign", campaign.Id, "--channel", "email", "--sequential");
        Assert.True(sequential.ExitCode == 0, sequential.ToString());
        Assert.Contains("Measures conversion event A: Purchase of \"Feline Body Armor\" (conversions).", sequential.Stdout, StringComparison.Ordinal);
        var sequentialCsv = await CliRunner.RunAsync("compare", "--store", Db, "--campaign", campaign.Id, "--channel", "email", "--sequential", "--format", "csv");
        Assert.True(sequentialCsv.ExitCode == 0, sequentialCsv.ToString());
        var sequentialTable = Csv.Parse(sequentialCsv.Stdout);
        Assert.EndsWith(",p_value_naive,campaign_name,conversion_event", string.Join(",", sequentialTable[0]), StringComparison.Ordinal);
        Assert.True(sequentialTable.Count > 1, sequentialCsv.Stdout);
        Assert.All(sequentialTable.Skip(1), r => Assert.Equal((campaign.Name, "A: Purchase of \"Feline Body Armor\""), (r[^2], r[^1])));
        Assert.Contains("note: Measures conversion event A", sequentialCsv.Stderr, StringComparison.Ordinal);

        // A rate that counts no conversion event: no column.
        var clicks = await CliRunner.RunAsync("compare", "--store", Db, "--campaign", campaign.Id, "--channel", "email", "--rate", "UniqueClickRate", "--format", "csv");
        Assert.True(clicks.ExitCode == 0, clicks.ToString());
        Assert.EndsWith(",prob_beat_control,campaign_name", Lines(clicks.Stdout)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ambiguous_campaign_name_is_a_user_error_listing_the_candidates()
    {
        var workspace = FakeWorkspace.Create(3);
        workspace.Campaigns[1].Name = workspace.Campaigns[0].Name;
        await using var server = new FakeBrazeServer(workspace);
        Assert.Equal(0, (await FetchAllAsync(server)).ExitCode);

        var result = await CliRunner.RunAsync("report", "--store", Db, "--campaign", workspace.Campaigns[0].Name);

        UserErrorTests.AssertUserError(result, "names 2 stored campaigns", workspace.Campaigns[0].Id, workspace.Campaigns[1].Id, "give the id");
    }

    [Fact]
    public async Task Compare_all_tests_every_campaign_against_its_own_control_with_BH_across_the_portfolio_sorted_by_it()
    {
        var workspace = FakeWorkspace.Create(8);
        await using var server = new FakeBrazeServer(workspace);
        Assert.Equal(0, (await FetchAllAsync(server)).ExitCode);

        var result = await CliRunner.RunAsync("compare", "--store", Db, "--all", "--channel", "email", "--format", "csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = Csv.Parse(result.Stdout);
        Assert.Equal("campaign_id,variation_api_id,variation_name,trials,successes,rate,baseline_rate,lift,p_value,p_value_holm,p_value_bh_portfolio,conversion_event,campaign_name", string.Join(",", rows[0]));
        var data = rows.Skip(1).ToList();
        var active = workspace.Campaigns.Where(c => !c.Archived).ToList();
        Assert.Equal(active.Count * 2, data.Count); // two variations per campaign, each against its own control
        Assert.DoesNotContain(data, r => r[2] == "Control Group");

        // Benjamini-Hochberg by hand: p_(i) · m / i, made monotone from the largest down, capped at 1.
        var p = data.Select(r => double.Parse(r[8], CultureInfo.InvariantCulture)).ToArray();
        var m = p.Length;
        var ranked = Enumerable.Range(0, m).OrderBy(i => p[i]).ToArray();
        var expected = new double[m];
        var running = 1.0;
        for (var k = m - 1; k >= 0; k--)
        {
            running = Math.Min(running, p[ranked[k]] * m / (k + 1));
            expected[ranked[k]] = running;
        }

        var bh = data.Select(r => double.Parse(r[10], CultureInfo.InvariantCulture)).ToArray();
        for (var i = 0; i < m; i++)
        {
            Assert.Equal(expected[i], bh[i], 12);
        }

        Assert.Equal(bh.OrderBy(x => x), bh); // sorted by the portfolio p
        Assert.All(data, r => Assert.Equal(active.Single(c => c.Id == r[0]).Name, r[^1]));
        Assert.All(data.Where(r => r[0] == workspace.Campaigns[1].Id), r => Assert.Equal("A: Custom event \"Used app\"", r[11]));

        var table = await CliRunner.RunAsync("compare", "--store", Db, "--all", "--channel", "email");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("p (BH, portfolio)", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("Benjamini-Hochberg across all", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_README_whole_workspace_in_three_commands_work_as_written()
    {
        var workspace = FakeWorkspace.Create(5, canvases: 2);
        await using var server = new FakeBrazeServer(workspace);
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Your whole workspace in three commands", StringComparison.Ordinal)..readme.IndexOf("## How it fits together", StringComparison.Ordinal)];
        var blocks = Regex.Matches(section, "```bash\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        static List<string> CommandsOf(string block) =>
            block.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("campaign-analytics ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, CommandsOf(blocks[0]).Count);
        Assert.Contains("export BRAZE_API_KEY=", blocks[0], StringComparison.Ordinal);
        Assert.Equal(2, blocks.Count); // the three commands, then Canvases too
        var commands = blocks.SelectMany(CommandsOf).ToList();
        Assert.Contains(commands, c => c.Contains("--kind all", StringComparison.Ordinal));

        foreach (var command in commands)
        {
            // As written, but in the test folder and against the fake workspace instead of the real instance URL.
            var args = command["campaign-analytics ".Length..].Replace("https://rest.iad-03.braze.com", server.BaseUri.ToString().TrimEnd('/'), StringComparison.Ordinal)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a == "campaigns.db" ? Db : a);
            var result = await CliRunner.RunAsync(args, WithKey());
            Assert.True(result.ExitCode == 0, command + "\n" + result);
            Assert.DoesNotContain("note:", result.Stderr, StringComparison.Ordinal);
        }

        Assert.NotEmpty(server.Requests);
    }
}
