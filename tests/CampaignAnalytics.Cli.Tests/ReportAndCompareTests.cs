using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Rates;
using static CampaignAnalytics.Cli.Tests.Library;

namespace CampaignAnalytics.Cli.Tests;

public class ReportAndCompareTests
{
    private static readonly string Spring = CliRunner.Data("spring-sale.json");

    [Fact]
    public async Task Report_csv_by_month_matches_the_library_rates()
    {
        var result = await CliRunner.RunAsync("report", Spring, "--by", "month", "--format", "csv");
        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = Csv.Parse(result.Stdout);
        Assert.Equal("period_start,period_end,campaign_id,channel,variation_api_id,variation_name,rate,numerator,denominator,value,days,partial", string.Join(",", rows[0]));

        var expected = CampaignRates.Compute(
            CampaignDataSet.Create(Cat, "spring-sale", Load("spring-sale.json")),
            new RateGrouping(Period: RatePeriod.Month));
        Assert.Equal(expected.Count, rows.Count - 1);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var r = rows[i + 1];
            // The tool labels periods as the library does: whole calendar months, never clipped to the data.
            Assert.Equal(new[] { e.PeriodStart.ToString("yyyy-MM-dd", null), e.PeriodEnd.ToString("yyyy-MM-dd", null), "spring-sale", e.Channel, e.VariationApiId ?? "", e.VariationName ?? "", e.Rate }, r.Take(7));
            AssertNumber(e.Numerator, r[7], $"row {i + 1} numerator");
            AssertNumber(e.Denominator, r[8], $"row {i + 1} denominator");
            AssertNumber(e.Value, r[9], $"row {i + 1} value");
            Assert.Equal(e.DaysCounted, int.Parse(r[10], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(e.IsPartial ? "true" : "false", r[11]);
        }

        // The sample ends on 2025-06-08: June is labelled whole and says it holds 8 of its 30 days.
        Assert.Equal(new[] { "2025-06-30", "8", "true" }, new[] { rows[^1][1], rows[^1][10], rows[^1][11] });
        Assert.Contains(rows.Skip(1), r => r[0] == "2025-04-01" && r[10] == "30" && r[11] == "false");
    }

    [Fact]
    public async Task Report_json_by_week_in_a_window_agrees_with_csv_and_sums()
    {
        var json = await CliRunner.RunAsync("report", Spring, "--by", "week", "--from", "2025-04-02", "--to", "2025-04-20", "--format", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.Equal("2025-03-31", rows[0].GetProperty("period_start").GetString()); // the Monday of the week of --from
        Assert.Equal("2025-04-06", rows[0].GetProperty("period_end").GetString()); // a Sunday
        Assert.Equal(5, rows[0].GetProperty("days").GetInt32()); // 2025-04-02..06: the days inside the window
        Assert.True(rows[0].GetProperty("partial").GetBoolean());

        // The email unique click rate of one variation over the window is the sum of its weekly numerators and denominators.
        var email = Cat.FindChannel("email")!;
        var days = Load("spring-sale.json").Data!.Where(d => d.Time >= new NodaTime.LocalDate(2025, 4, 2) && d.Time <= new NodaTime.LocalDate(2025, 4, 20)).ToList();
        var variation = email.GetVariations(days[0])[1];
        var rate = email.FindRate("UniqueClickRate")!;
        var expectedNum = days.Sum(d => email.GetVariations(d).Where(v => v.VariationApiId == variation.VariationApiId).Sum(v => rate.Numerator.GetValue(v) ?? 0));
        var picked = rows.Where(r => r.GetProperty("channel").GetString() == "email"
            && r.GetProperty("variation_api_id").GetString() == variation.VariationApiId
            && r.GetProperty("rate").GetString() == "UniqueClickRate").ToList();
        Assert.Equal(3, picked.Count);
        Assert.Equal(expectedNum, picked.Sum(r => r.GetProperty("numerator").GetDouble()));
        foreach (var r in picked)
        {
            Assert.Equal(r.GetProperty("numerator").GetDouble() / r.GetProperty("denominator").GetDouble(), r.GetProperty("value").GetDouble());
        }

        var table = await CliRunner.RunAsync("report", Spring, "--by", "month");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("UniqueClickRate", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_csv_shows_the_email_winner_as_the_library_computes_it()
    {
        var result = await CliRunner.RunAsync("compare", Spring, "--channel", "email", "--format", "csv");
        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = Csv.Parse(result.Stdout);
        Assert.Equal("variation_api_id,variation_name,trials,successes,rate,ci_low,ci_high,lift,z,p_value,p_value_holm,prob_beat_control", string.Join(",", rows[0]));

        var expected = ChannelComparison.Compare(Cat, Load("spring-sale.json"), "email");
        Assert.Equal(expected.Arms.Count, rows.Count - 1);
        for (var i = 0; i < expected.Arms.Count; i++)
        {
            var e = expected.Result.Rows[i];
            var r = rows[i + 1];
            Assert.Equal(new[] { expected.Arms[i].VariationApiId ?? "", expected.Arms[i].VariationName ?? "" }, r.Take(2));
            Assert.Equal(e.Trials, L(r[2]));
            Assert.Equal(e.Successes, L(r[3]));
            double?[] numbers = { e.Rate, e.RateLower, e.RateUpper, e.RelativeLift, e.ZStatistic, e.PValue, e.AdjustedPValue, e.ProbabilityToBeatControl };
            for (var c = 0; c < numbers.Length; c++)
            {
                AssertNumber(numbers[c], r[4 + c], $"{rows[0][4 + c]} of {r[1]}");
            }
        }

        var control = rows.Single(r => r[1] == "Control Group");
        Assert.All(control.Skip(7), cell => Assert.Equal(string.Empty, cell));
        var winner = rows.Skip(1).Single(r => r[1] == "Subject - Free Shipping");
        Assert.True(D(winner[10]) < 0.001);
        Assert.True(D(winner[4]) > rows.Skip(1).Where(r => r != winner).Max(r => D(r[4])));
    }

    [Fact]
    public async Task Compare_json_adds_chi_square_and_sample_ratio_and_finds_no_sms_difference()
    {
        var result = await CliRunner.RunAsync("compare", Spring, "--channel", "sms", "--rate", "conversionrate", "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal("ConversionRate", root.GetProperty("rate").GetString());
        var variations = root.GetProperty("variations").EnumerateArray().ToList();
        Assert.Equal(3, variations.Count);
        Assert.All(variations.Where(v => v.GetProperty("variation_name").GetString() != "Control Group"), v => Assert.True(v.GetProperty("p_value_holm").GetDouble() > 0.05));

        var expected = ChannelComparison.Compare(Cat, Load("spring-sale.json"), "sms", new ChannelComparisonOptions { ExposureMetrics = new[] { "sent", "enrolled" } });
        var chi = root.GetProperty("chi_square");
        Assert.Equal(expected.Result.ChiSquare.Statistic, chi.GetProperty("statistic").GetDouble());
        Assert.Equal(expected.Result.ChiSquare.PValue, chi.GetProperty("p_value").GetDouble());
        Assert.True(chi.GetProperty("p_value").GetDouble() > 0.05);
        var srm = root.GetProperty("sample_ratio_mismatch");
        Assert.Equal("exposure", srm.GetProperty("basis").GetString());
        Assert.Equal(expected.Result.SampleRatioMismatch.PValue, srm.GetProperty("p_value").GetDouble());
        Assert.Equal(expected.Result.SampleRatioMismatch.Observed, srm.GetProperty("observed").EnumerateArray().Select(o => o.GetInt64()).ToArray());

        // --control by name, and the table format.
        var table = await CliRunner.RunAsync("compare", Spring, "--channel", "email", "--rate", "UniqueClickRate", "--control", "Subject - 20% Off");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Baseline: Subject - 20% Off (chosen with --control)", table.Stdout, StringComparison.Ordinal);
    }
}
