using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CampaignAnalytics.Cli.Commands;
using CampaignAnalytics.Cli.Input;
using CampaignAnalytics.Cli.Output;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Rates;
using CampaignAnalytics.Statistics;
using Spectre.Console.Testing;
using static CampaignAnalytics.Cli.Tests.Library;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>The terminal tables of report and compare rendered in-process on Spectre's test console at 80 and 120 columns.</summary>
public class TerminalRenderingTests
{
    private static readonly Regex Exponent = new(@"\d[eE][+-]?\d", RegexOptions.CultureInvariant);
    private static readonly Regex Guid = new("[0-9a-f]{8}-[0-9a-f]{4}-", RegexOptions.CultureInvariant);

    private static IReadOnlyList<CampaignInput> Spring() =>
        InputLoader.Load(new[] { CliRunner.Data("spring-sale.json") }, null, null, Array.Empty<string>(), (null, null), CampaignAnalytics.Models.CampaignDataSeriesCatalogue.Instance);

    private static string[] Render(DisplayTable table, int width)
    {
        var console = new TestConsole().Width(width);
        TerminalTable.Write(table, console);
        return console.Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }

    private static DisplayTable Comparison(bool ids = false)
    {
        var input = Spring()[0];
        var result = ChannelComparison.Compare(Cat, input.Days, "email");
        return CompareCommand.ToDisplay(input.CampaignId, result, ComparisonOptions.Default, ids);
    }

    private static DisplayTable WeeklyEmail(bool ids = false)
    {
        var rows = RateReport.Rows(Cat, Spring(), ReportPeriod.Week, new ReportFilter(Channels: new HashSet<string> { "email" }), new List<RateRow>());
        return Assert.Single(RateReport.ToDisplay(Cat, rows, ReportPeriod.Week, ids));
    }

    /// <summary>Every line fits, one line per row (no cell wrapped), no exponent, no truncated header.</summary>
    private static void AssertReadable(string[] lines, DisplayTable table, int width)
    {
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}"));
        var body = lines.SkipWhile(l => !l.StartsWith('─')).Skip(1).TakeWhile(l => !l.StartsWith("Not shown", StringComparison.Ordinal)).ToList();
        Assert.Equal(table.Rows.Count, body.Count);
        Assert.DoesNotContain(lines, l => Exponent.IsMatch(l.Replace("< 1e-300", string.Empty, StringComparison.Ordinal))); // the one bound allowed
        Assert.DoesNotContain(lines, l => l.Contains('…'));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Compare_fits_the_width_with_names_percentages_lift_and_a_verdict(int width)
    {
        var table = Comparison();
        var lines = Render(table, width);
        AssertReadable(lines, table, width);
        var text = string.Join("\n", lines);
        Assert.DoesNotMatch(Guid, text);
        var header = lines[1];
        foreach (var column in new[] { "variation", "rate", "95% CI", "lift", "verdict" })
        {
            Assert.Contains(column, header, StringComparison.Ordinal);
        }

        var freeShipping = lines.Single(l => l.StartsWith("Subject - Free Shipping", StringComparison.Ordinal));
        Assert.Matches(@"2\.61%\s+\[2\.57%, 2\.64%\]\s+\+72\.5%.*\sbetter\s*$", freeShipping);
        Assert.EndsWith("baseline", lines.Single(l => l.StartsWith("Control Group", StringComparison.Ordinal)).TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("< 1e-300", freeShipping, StringComparison.Ordinal); // p (Holm) underflowed: never "0"

        if (width == 80)
        {
            // z, the unadjusted p, the counts and P(better) give way; a line says which.
            Assert.Equal("Not shown at 80 columns: z, p, conversions, unique_recipients, P(better) (a wider terminal shows them; --format csv has every column).",
                string.Join(" ", lines.SkipWhile(l => !l.StartsWith("Not shown", StringComparison.Ordinal)).Select(l => l.TrimEnd())));
        }
        else
        {
            Assert.Contains("P(better)", header, StringComparison.Ordinal);
            Assert.Contains("unique_recipients", header, StringComparison.Ordinal);
            Assert.Contains("> 99.9%", freeShipping, StringComparison.Ordinal);
            Assert.Contains("675,788", freeShipping, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Report_fits_the_width_with_names_percentages_and_partial_weeks(int width)
    {
        var table = WeeklyEmail();
        var lines = Render(table, width);
        AssertReadable(lines, table, width);
        Assert.Equal("spring-sale · email (Email) · per week", lines[0]);
        Assert.DoesNotMatch(Guid, string.Join("\n", lines));

        // The sample starts on Saturday 2025-03-01: its first week is labelled whole and says it holds 2 of 7 days.
        var first = lines.First(l => l.StartsWith("2025-02-24..03-02  Subject - 20% Off", StringComparison.Ordinal));
        Assert.Matches(@"\d\.\d\d%\s+2 of 7$", first.TrimEnd());
        Assert.Matches(@"^2025-03-03\.\.03-09 .*\s7$", lines.First(l => l.StartsWith("2025-03-03", StringComparison.Ordinal)).TrimEnd());
        if (width == 80)
        {
            Assert.DoesNotContain("denominator", lines[1], StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith("Not shown at 80 columns: numerator, denominator", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains("denominator", lines[1], StringComparison.Ordinal);
            Assert.DoesNotContain(lines, l => l.StartsWith("Not shown", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Ids_are_shown_only_when_asked_or_when_a_variation_has_no_name()
    {
        var table = WeeklyEmail(ids: true);
        var lines = Render(table, 200);
        Assert.Contains("variation id", lines[1], StringComparison.Ordinal);
        Assert.Matches(Guid, string.Join("\n", lines));
        Assert.Contains("variation id", Render(Comparison(ids: true), 200)[1], StringComparison.Ordinal);

        // At 80 columns the ids stay whole (names wrap instead): every API id of the sample's email arms is on one line.
        var narrow = string.Join("\n", Render(Comparison(ids: true), 80));
        foreach (var id in Spring()[0].Days.SelectMany(d => Cat.FindChannel("email")!.GetVariations(d)).Select(v => v.VariationApiId!).Distinct())
        {
            Assert.Contains(id, narrow, StringComparison.Ordinal);
        }

        // A variation without a name is shown by its id.
        var day = new NodaTime.LocalDate(2025, 3, 1);
        var unnamed = new RateRow(day, day, "c", "email", "only-an-id", null, "UniqueClickRate", 1, 10, 0.1) { DaysCounted = 1 };
        var rendered = Render(RateReport.ToDisplay(Cat, new[] { unnamed }, ReportPeriod.Day, ids: false).Single(), 80);
        Assert.StartsWith("2025-03-01  only-an-id  UniqueClickRate", rendered[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_never_wrap_and_long_names_wrap_only_when_nothing_else_gives_way()
    {
        var table = new DisplayTable("narrow", new[]
        {
            new DisplayColumn("variation"),
            new DisplayColumn("denominator", Numeric: true),
            new DisplayColumn("value", Numeric: true),
            new DisplayColumn("extra", Numeric: true, DropOrder: 1),
        });
        table.Add("A variation with a very long name indeed", "123,456,789", "12.34%", "1");
        var lines = Render(table, 40);
        Assert.All(lines, l => Assert.True(l.Length <= 40, l));
        Assert.Contains(lines, l => l.Contains("123,456,789", StringComparison.Ordinal) && l.Contains("12.34%", StringComparison.Ordinal));
        Assert.Contains("denominator", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Not shown at 40 columns: extra", StringComparison.Ordinal));
        Assert.True(lines.Count(l => l.Contains("very", StringComparison.Ordinal) || l.Contains("indeed", StringComparison.Ordinal)) >= 1);
    }
}
