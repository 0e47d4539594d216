using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Statistics;

namespace CampaignAnalytics.Cli.Tests;

/// <summary><c>compare --sequential</c>, <c>--by day</c>, <c>--adjust</c>, <c>--tuning</c>, <c>--mde</c>, guardrails and the power line.</summary>
public sealed class CompareSequentialTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-sequential-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>An email campaign of <paramref name="days"/> days: per arm (id, sends, recipients, conversions, unsubscribes); "c" is the control group.</summary>
    private string Campaign(string name, int days, Func<int, (string Id, long Sent, long Recipients, long Conversions, long Unsubscribes)[]> arms)
    {
        var text = new StringBuilder("""{"message":"success","data":[""");
        for (int d = 0; d < days; d++)
        {
            var date = new DateOnly(2025, 3, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            text.Append(d == 0 ? string.Empty : ",").Append($$"""{"time":"{{date}}","messages":{"email":[""");
            var list = arms(d);
            for (int i = 0; i < list.Length; i++)
            {
                var a = list[i];
                text.Append(i == 0 ? string.Empty : ",");
                text.Append(a.Id == "c"
                    ? string.Create(CultureInfo.InvariantCulture, $$"""{"variation_api_id":"c","variation_name":"Control Group","enrolled":{{a.Sent}},"unique_recipients":{{a.Recipients}},"conversions":{{a.Conversions}}}""")
                    : string.Create(CultureInfo.InvariantCulture, $$"""{"variation_api_id":"{{a.Id}}","variation_name":"Variant {{a.Id.ToUpperInvariant()}}","sent":{{a.Sent}},"delivered":{{a.Sent}},"unique_recipients":{{a.Recipients}},"conversions":{{a.Conversions}},"unsubscribes":{{a.Unsubscribes}}}"""));
            }

            text.Append("]}}");
        }

        var path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, text.Append("]}").ToString());
        return path;
    }

    private static CliResult Ok(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    [Fact]
    public async Task By_day_csv_is_the_cumulative_path_with_the_required_columns()
    {
        var file = Campaign("path", 9, d => new[] { ("a", 1000L, 1000L, 60L + d, 1L), ("c", 1000L, 1000L, 50L, 0L) });
        var result = Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--sequential", "--by", "day", "--format", "csv"));
        var rows = Csv.Parse(result.Stdout);
        Assert.Equal(
            new[] { "date", "variation_api_id", "variation_name", "trials", "successes", "rate", "lift", "cs_low", "cs_high", "p_value_always_valid" },
            rows[0].Take(10));
        Assert.Equal(1 + (9 * 2), rows.Count);

        var header = rows[0].ToList();
        long successes = 0;
        for (int d = 0; d < 9; d++)
        {
            successes += 60 + d;
            var variant = rows[1 + (2 * d)];
            var control = rows[2 + (2 * d)];
            Assert.Equal(new DateOnly(2025, 3, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), variant[0]);
            Assert.Equal("a", variant[1]);
            Assert.Equal(1000L * (d + 1), Library.L(variant[header.IndexOf("trials")]));
            Assert.Equal(successes, Library.L(variant[header.IndexOf("successes")]));
            var expected = SequentialTest.Difference(new Proportion(successes, 1000L * (d + 1)), new Proportion(50L * (d + 1), 1000L * (d + 1)));
            Library.AssertNumber(expected.Lower, variant[header.IndexOf("cs_low")], "cs_low");
            Library.AssertNumber(expected.Upper, variant[header.IndexOf("cs_high")], "cs_high");
            Library.AssertNumber(expected.PValue, variant[header.IndexOf("p_value_always_valid")], "p_value_always_valid");

            // The control row leaves the test columns empty.
            Assert.Equal("c", control[1]);
            foreach (var column in new[] { "lift", "cs_low", "cs_high", "p_value_always_valid", "p_value_adjusted" })
            {
                Assert.Equal(string.Empty, control[header.IndexOf(column)]);
            }
        }

        // Without --by day: the last day only, the same figures.
        var last = Csv.Parse(Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--sequential", "--format", "csv")).Stdout);
        Assert.Equal(3, last.Count);
        Assert.Equal(rows[^2], last[1]);
    }

    [Fact]
    public async Task The_table_states_the_verdict_and_not_yet_with_its_reason()
    {
        var file = Campaign("young", 5, d => new[] { ("a", 1000L, 1000L, 90L, 0L), ("c", 1000L, 1000L, 40L, 0L) });
        var result = Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--sequential"));
        Assert.Contains("Verdict: not yet: only 5 day(s) of data (the rule is at least 7).", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("tuning N* = 5000", result.Stdout, StringComparison.Ordinal);

        var older = Campaign("older", 8, d => new[] { ("a", 1000L, 1000L, 90L, 0L), ("c", 1000L, 1000L, 40L, 0L) });
        var conclusive = Ok(await CliRunner.RunAsync("compare", older, "--channel", "email", "--sequential", "--tuning", "20000"));
        Assert.Contains("Verdict: 'Variant A' is above 'Control Group' on ConversionRate (+125.0 %", conclusive.Stdout, StringComparison.Ordinal);
        Assert.Contains("tuning N* = 20000", conclusive.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_split_is_flagged_on_its_day_and_holds_the_verdict()
    {
        var file = Campaign("srm", 12, d => new[] { ("a", d < 6 ? 5000L : 3500L, 5000L, 300L, 0L), ("c", 5000L, 5000L, 250L, 0L) });
        var result = Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--sequential"));
        Assert.Contains("mismatch flagged on 2025-03-07", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Verdict: not yet: sample-ratio mismatch since 2025-03-07", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guardrail_that_got_worse_is_named_in_the_verdict()
    {
        var file = Campaign("guardrail", 8, d => new[] { ("a", 5000L, 5000L, 400L, 30L), ("b", 5000L, 5000L, 250L, 2L), ("c", 5000L, 5000L, 250L, 0L) });

        // Against the control group (which sends nothing) the guardrails cannot be checked, and the output says so once.
        var control = Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--sequential"));
        Assert.Contains("Guardrails BounceRate, UnsubscribeRate, SpamRate: not checked, the baseline 'Control Group' does not report them", control.Stdout, StringComparison.Ordinal);

        var result = Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--sequential", "--control", "Variant B"));
        Assert.Contains("Guardrail UnsubscribeRate (lower is better), Variant A:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("WORSE", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("guardrail got worse: UnsubscribeRate for 'Variant A'", result.Stdout, StringComparison.Ordinal);

        // The fixed-horizon compare checks guardrails too (one-sided z-test).
        var fixedResult = Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--control", "Variant B"));
        Assert.Contains("Guardrail UnsubscribeRate (lower is better), Variant A:", fixedResult.Stdout, StringComparison.Ordinal);
        Assert.Contains("one-sided z-test p ", fixedResult.Stdout, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--sequential", "--control", "Variant B", "--format", "json")).Stdout);
        var verdict = json.RootElement.GetProperty("verdict");
        Assert.Equal("conclusive", verdict.GetProperty("kind").GetString());
        Assert.Equal("UnsubscribeRate for 'Variant A'", verdict.GetProperty("worse_guardrails")[0].GetString());
    }

    [Fact]
    public async Task Compare_says_how_many_more_days_an_underpowered_test_needs()
    {
        var file = Campaign("flat", 10, d => new[] { ("a", 1000L, 1000L, 50L, 0L), ("c", 1000L, 1000L, 50L, 0L) });
        var plan = Power.Plan(0.05, 0.05, 1000, 10000);
        var result = Ok(await CliRunner.RunAsync("compare", file, "--channel", "email"));
        Assert.Contains($"underpowered: at this volume a 5 % lift needs ~{plan.FixedMoreDays} more days (fixed-horizon test).", result.Stdout, StringComparison.Ordinal);

        var sequential = Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--sequential"));
        Assert.Contains($"underpowered: at this volume a 5 % lift needs ~{plan.SequentialMoreDays} more days (sequential test)", sequential.Stdout, StringComparison.Ordinal);

        var ten = Power.Plan(0.05, 0.10, 1000, 10000);
        var mde = Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--mde", "10%"));
        Assert.Contains($"a 10 % lift needs ~{ten.FixedMoreDays} more days", mde.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adjust_chooses_Holm_Benjamini_Hochberg_or_none()
    {
        var file = Campaign("three", 8, d => new[] { ("a", 5000L, 5000L, 270L, 0L), ("b", 5000L, 5000L, 280L, 0L), ("c", 5000L, 5000L, 250L, 0L) });
        var holm = Csv.Parse(Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--format", "csv")).Stdout);
        var bh = Csv.Parse(Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--format", "csv", "--adjust", "bh")).Stdout);
        var none = Csv.Parse(Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--format", "csv", "--adjust", "none")).Stdout);
        Assert.Contains("p_value_holm", holm[0]);
        Assert.Contains("p_value_bh", bh[0]);
        Assert.Contains("p_value_unadjusted", none[0]);
        int p = holm[0].ToList().IndexOf("p_value");
        var raw = new double?[] { Library.D(holm[1][p]), Library.D(holm[2][p]) };
        var expected = Adjust.BenjaminiHochberg(raw);
        int q = bh[0].ToList().IndexOf("p_value_bh");
        Library.AssertNumber(expected[0], bh[1][q]);
        Library.AssertNumber(expected[1], bh[2][q]);
        int u = none[0].ToList().IndexOf("p_value_unadjusted");
        Assert.Equal(none[1][p], none[1][u]);

        var seq = Csv.Parse(Ok(await CliRunner.RunAsync("compare", file, "--channel", "email", "--sequential", "--format", "csv", "--adjust", "bh")).Stdout);
        var header = seq[0].ToList();
        var seqRaw = new double?[] { Library.D(seq[1][header.IndexOf("p_value_always_valid")]), Library.D(seq[2][header.IndexOf("p_value_always_valid")]) };
        Library.AssertNumber(Adjust.BenjaminiHochberg(seqRaw)[0], seq[1][header.IndexOf("p_value_adjusted")]);
    }

    [Theory]
    [InlineData("--tuning", "0", "--tuning:")]
    [InlineData("--tuning", "many", "--tuning:")]
    [InlineData("--mde", "-5%", "--mde:")]
    [InlineData("--mde", "abc", "--mde:")]
    [InlineData("--by", "week", "--by:")]
    [InlineData("--adjust", "bonferroni", "--adjust:")]
    public async Task A_bad_option_value_is_one_line(string option, string value, string mention)
    {
        var file = Campaign("bad", 2, d => new[] { ("a", 100L, 100L, 5L, 0L), ("c", 100L, 100L, 5L, 0L) });
        UserErrorTests.AssertUserError(await CliRunner.RunAsync("compare", file, "--channel", "email", "--sequential", option, value), mention, value);
    }
}
