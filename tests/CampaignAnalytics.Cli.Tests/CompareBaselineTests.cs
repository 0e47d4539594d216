using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using static CampaignAnalytics.Cli.Tests.Library;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// <c>compare</c> never answers silently against an arm the user did not ask for, on a rate the baseline cannot
/// carry, or with a sample-ratio check on counts some arm does not report.
/// </summary>
public sealed class CompareBaselineTests : IDisposable
{
    private const string CsvHeader = "variation_api_id,variation_name,trials,successes,rate,ci_low,ci_high,lift,z,p_value,p_value_holm,prob_beat_control";
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-baseline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Three email variations and no control group.</summary>
    private string NoControlGroup() => Write("no-control.json", """
        { "message": "success", "data": [
          { "time": "2025-05-01", "messages": { "email": [
            { "variation_name": "Variant A", "variation_api_id": "var-a", "sent": 1000, "delivered": 990, "unique_opens": 300, "unique_recipients": 1000, "conversions": 20 },
            { "variation_name": "Variant B", "variation_api_id": "var-b", "sent": 1000, "delivered": 985, "unique_opens": 320, "unique_recipients": 1000, "conversions": 35 },
            { "variation_name": "Variant C", "variation_api_id": "var-c", "sent": 1000, "delivered": 992, "unique_opens": 310, "unique_recipients": 1000, "conversions": 25 } ] } }
        ] }
        """);

    /// <summary>
    /// Three equal arms of 10000 users over two days; the control group reports <c>unique_recipients</c> and
    /// conversions but no <c>enrolled</c> (so no exposure), and no <c>delivered</c>.
    /// </summary>
    private string ControlWithoutEnrolled() => Write("no-enrolled.json", """
        { "message": "success", "data": [
          { "time": "2025-05-01", "messages": { "email": [
            { "variation_name": "Control Group", "variation_api_id": "ctl", "unique_recipients": 5000, "conversions": 100 },
            { "variation_name": "Variant A", "variation_api_id": "var-a", "sent": 5000, "delivered": 4950, "unique_opens": 1500, "unique_recipients": 5000, "conversions": 110 },
            { "variation_name": "Variant B", "variation_api_id": "var-b", "sent": 5000, "delivered": 4940, "unique_opens": 1520, "unique_recipients": 5000, "conversions": 120 } ] } },
          { "time": "2025-05-02", "messages": { "email": [
            { "variation_name": "Control Group", "variation_api_id": "ctl", "unique_recipients": 5000, "conversions": 104 },
            { "variation_name": "Variant A", "variation_api_id": "var-a", "sent": 5000, "delivered": 4960, "unique_opens": 1490, "unique_recipients": 5000, "conversions": 108 },
            { "variation_name": "Variant B", "variation_api_id": "var-b", "sent": 5000, "delivered": 4945, "unique_opens": 1530, "unique_recipients": 5000, "conversions": 118 } ] } }
        ] }
        """);

    /// <summary>The control group enrolled as Braze reports it (enrolled, unique_recipients, conversions; nothing sent).</summary>
    private string WithControlGroup() => Write("with-control.json", """
        { "message": "success", "data": [
          { "time": "2025-05-01", "messages": { "email": [
            { "variation_name": "Control Group", "variation_api_id": "ctl", "enrolled": 1000, "unique_recipients": 1000, "conversions": 20 },
            { "variation_name": "Variant A", "variation_api_id": "var-a", "sent": 1000, "delivered": 990, "unique_opens": 300, "unique_recipients": 1000, "conversions": 30 },
            { "variation_name": "Variant B", "variation_api_id": "var-b", "sent": 1000, "delivered": 985, "unique_opens": 320, "unique_recipients": 1000, "conversions": 35 } ] } }
        ] }
        """);

    private static List<string> Notes(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("note:", result.Stdout, StringComparison.Ordinal);
        return result.Stderr.Split('\n').Where(l => l.StartsWith("note:", StringComparison.Ordinal)).ToList();
    }

    private static JsonElement Json(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Without_a_control_group_the_first_variation_is_the_baseline_and_every_format_says_so()
    {
        var file = NoControlGroup();

        // One note on stderr, whatever the format: no control group, which variation is the baseline, and --control.
        foreach (var format in new[] { "table", "csv", "json" })
        {
            var result = await CliRunner.RunAsync("compare", file, "--channel", "email", "--format", format);
            var notes = Notes(result);
            Assert.True(notes.Count == 1, result.ToString());
            Assert.Contains("no control group", notes[0], StringComparison.Ordinal);
            Assert.Contains("'Variant A'", notes[0], StringComparison.Ordinal);
            Assert.Contains("baseline", notes[0], StringComparison.Ordinal);
            Assert.Contains("--control NAME", notes[0], StringComparison.Ordinal);
        }

        // The terminal table's verdict column marks the baseline row, and its summary says how it was chosen.
        var table = await CliRunner.RunAsync("compare", file, "--channel", "email");
        Assert.EndsWith(" baseline", TableRow(table, "Variant A"), StringComparison.Ordinal);
        Assert.DoesNotContain("baseline", TableRow(table, "Variant B"), StringComparison.Ordinal);
        Assert.Contains("Baseline: Variant A (the first variation: this channel has no control group)", table.Stdout, StringComparison.Ordinal);

        // JSON has an explicit baseline.
        var json = Json(await CliRunner.RunAsync("compare", file, "--channel", "email", "--format", "json"));
        var baseline = json.GetProperty("baseline");
        Assert.Equal("first_variation", baseline.GetProperty("source").GetString());
        Assert.Equal("var-a", baseline.GetProperty("variation_api_id").GetString());
        Assert.Equal("Variant A", baseline.GetProperty("variation_name").GetString());

        // CSV keeps its columns and values: the baseline row leaves the test columns empty.
        var csv = Csv.Parse((await CliRunner.RunAsync("compare", file, "--channel", "email", "--format", "csv")).Stdout);
        Assert.Equal(CsvHeader, string.Join(",", csv[0]));
        Assert.Equal("Variant A", csv[1][1]);
        Assert.All(csv[1].Skip(7), cell => Assert.Equal(string.Empty, cell));
    }

    [Fact]
    public async Task A_named_baseline_or_a_control_group_needs_no_note()
    {
        var named = await CliRunner.RunAsync("compare", NoControlGroup(), "--channel", "email", "--control", "Variant B", "--format", "json");
        Assert.Empty(Notes(named));
        Assert.Equal("named", Json(named).GetProperty("baseline").GetProperty("source").GetString());
        Assert.Equal("Variant B", Json(named).GetProperty("baseline").GetProperty("variation_name").GetString());

        var group = await CliRunner.RunAsync("compare", WithControlGroup(), "--channel", "email", "--format", "json");
        Assert.Empty(Notes(group));
        Assert.Equal("control_group", Json(group).GetProperty("baseline").GetProperty("source").GetString());
        Assert.Equal("ctl", Json(group).GetProperty("baseline").GetProperty("variation_api_id").GetString());

        var table = await CliRunner.RunAsync("compare", WithControlGroup(), "--channel", "email");
        Assert.Empty(Notes(table));
        Assert.EndsWith(" baseline", TableRow(table, "Control Group"), StringComparison.Ordinal);
        Assert.Contains("Baseline: Control Group (the control group)", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_the_control_group_cannot_carry_is_said_with_the_rates_it_does_carry()
    {
        var file = WithControlGroup();
        var result = await CliRunner.RunAsync("compare", file, "--channel", "email", "--rate", "UniqueOpenRate", "--format", "csv");
        var notes = Notes(result);
        Assert.True(notes.Count == 1, result.ToString());

        // The rates the control element carries, from the catalogue: every email rate whose two metrics it reports.
        var email = Cat.FindChannel("email")!;
        var control = email.GetVariations(Cat.ParseResponse(File.ReadAllBytes(file)).Data![0]).Single(v => v.VariationName == "Control Group");
        var carried = email.Rates.Where(r => r.Numerator.GetValue(control) is not null && r.Denominator.GetValue(control) is not null).Select(r => r.Name).ToList();
        Assert.Equal(new[] { "ConversionRate" }, carried);
        Assert.Equal(
            "note: the control group has no delivered for UniqueOpenRate, so nothing can be tested against it; use --control NAME to compare the variations with each other, or a rate the control group carries: "
            + string.Join(", ", carried) + ".",
            notes[0]);

        // A rate the control carries, or variations compared with each other, need no note.
        Assert.Empty(Notes(await CliRunner.RunAsync("compare", file, "--channel", "email", "--rate", "ConversionRate", "--format", "csv")));
        Assert.Empty(Notes(await CliRunner.RunAsync("compare", file, "--channel", "email", "--rate", "UniqueOpenRate", "--control", "Variant A", "--format", "csv")));
    }

    [Fact]
    public async Task A_first_variation_that_cannot_carry_the_rate_gets_both_notes_and_a_single_arm_none()
    {
        // Webhook variations report sends and errors, no unique recipients: no ConversionRate.
        var two = Write("hooks.json", """
            { "message": "success", "data": [ { "time": "2025-05-01", "messages": { "webhook": [
              { "variation_name": "Hook A", "variation_api_id": "hook-a", "sent": 1000, "errors": 3 },
              { "variation_name": "Hook B", "variation_api_id": "hook-b", "sent": 1000, "errors": 5 } ] } } ] }
            """);
        var notes = Notes(await CliRunner.RunAsync("compare", two, "--channel", "webhook", "--format", "csv"));
        Assert.Equal(2, notes.Count);
        Assert.Contains("has no control group, so 'Hook A', its first variation, is the baseline", notes[0], StringComparison.Ordinal);
        Assert.Equal("note: the baseline 'Hook A' has no unique_recipients for ConversionRate, so nothing can be tested against it; use --control NAME to choose another baseline, or a rate it carries: ErrorRate.", notes[1]);
        var errorRate = Assert.Single(Notes(await CliRunner.RunAsync("compare", two, "--channel", "webhook", "--rate", "ErrorRate", "--format", "csv")));
        Assert.Contains("has no control group", errorRate, StringComparison.Ordinal);

        // One arm: nothing is tested against anything, so there is no baseline to warn about.
        var one = Write("hook.json", """
            { "message": "success", "data": [ { "time": "2025-05-01", "messages": { "webhook": [
              { "variation_name": "Hook A", "variation_api_id": "hook-a", "sent": 1000, "errors": 3 } ] } } ] }
            """);
        Assert.Empty(Notes(await CliRunner.RunAsync("compare", one, "--channel", "webhook", "--format", "csv")));
    }

    [Fact]
    public async Task The_sample_ratio_check_falls_back_to_trials_for_every_arm_when_an_arm_has_no_exposure()
    {
        // Three equal arms; the control reports no enrolled. Exposure would be 0 for it (chi-square 20000, p = 0).
        var file = ControlWithoutEnrolled();
        var json = Json(await CliRunner.RunAsync("compare", file, "--channel", "email", "--format", "json"));
        var srm = json.GetProperty("sample_ratio_mismatch");
        Assert.Equal("trials", srm.GetProperty("basis").GetString());
        Assert.Equal(new long[] { 10000, 10000, 10000 }, srm.GetProperty("observed").EnumerateArray().Select(o => o.GetInt64()));
        Assert.Equal(1.0, srm.GetProperty("p_value").GetDouble());
        var note = srm.GetProperty("note").GetString()!;
        Assert.Contains("'Control Group' reports no sent or enrolled on 2 of 2 days", note, StringComparison.Ordinal);

        var table = await CliRunner.RunAsync("compare", file, "--channel", "email");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Sample ratio check (trials: 'Control Group' reports no sent or enrolled on 2 of 2 days; equal split): the split looks as intended (p = 1.0000).", table.Stdout, StringComparison.Ordinal);

        // Where every arm reports its exposure, the basis is exposure and there is no note.
        var exposed = Json(await CliRunner.RunAsync("compare", WithControlGroup(), "--channel", "email", "--format", "json")).GetProperty("sample_ratio_mismatch");
        Assert.Equal("exposure", exposed.GetProperty("basis").GetString());
        Assert.Equal(JsonValueKind.Null, exposed.GetProperty("note").ValueKind);
    }

    [Fact]
    public async Task The_sample_ratio_check_is_skipped_when_no_count_measures_every_arm()
    {
        // No enrolled for the control, and no delivered for UniqueOpenRate's trials: no basis is common to all arms.
        var file = ControlWithoutEnrolled();
        var json = Json(await CliRunner.RunAsync("compare", file, "--channel", "email", "--rate", "UniqueOpenRate", "--control", "Variant A", "--format", "json"));
        var srm = json.GetProperty("sample_ratio_mismatch");
        Assert.Equal("none", srm.GetProperty("basis").GetString());
        Assert.Equal(JsonValueKind.Null, srm.GetProperty("statistic").ValueKind);
        Assert.Equal(JsonValueKind.Null, srm.GetProperty("p_value").ValueKind);
        Assert.Empty(srm.GetProperty("observed").EnumerateArray());
        var note = srm.GetProperty("note").GetString()!;
        Assert.Contains("'Control Group' reports no sent or enrolled on 2 of 2 days", note, StringComparison.Ordinal);
        Assert.Contains("'Control Group' reports unique_opens and delivered on 0 of 2 days", note, StringComparison.Ordinal);

        var table = await CliRunner.RunAsync("compare", file, "--channel", "email", "--rate", "UniqueOpenRate", "--control", "Variant A");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Sample ratio check: skipped, ", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("p = 0.", table.Stdout.Split('\n').Single(l => l.StartsWith("Sample ratio", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    /// <summary>The terminal table's row of a variation, without trailing spaces.</summary>
    private static string TableRow(CliResult result, string variation)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.ReplaceLineEndings("\n").Split('\n').Single(l => l.StartsWith(variation + "  ", StringComparison.Ordinal)).TrimEnd();
    }
}
