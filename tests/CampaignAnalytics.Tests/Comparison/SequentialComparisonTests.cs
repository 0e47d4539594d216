using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Models;
using CampaignAnalytics.Statistics;
using NodaTime;

namespace CampaignAnalytics.Tests.Comparison;

public class SequentialComparisonTests
{
    private static readonly CampaignDataSeriesCatalogue Catalogue = CampaignDataSeriesCatalogue.Instance;

    /// <summary>One email day: (id, name, sent or enrolled, unique recipients, conversions, unsubscribes) per arm; "c" is the control group.</summary>
    internal static string Days(int count, Func<int, (string Id, long Sent, long Recipients, long Conversions, long Unsubscribes)[]> arms)
    {
        var text = new StringBuilder("""{"message":"success","data":[""");
        for (int d = 0; d < count; d++)
        {
            var date = new LocalDate(2025, 3, 1).PlusDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
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

        return text.Append("]}").ToString();
    }

    private static SequentialComparisonResult Read(string json, SequentialComparisonOptions? options = null) =>
        SequentialComparison.Compare(Catalogue, CampaignDataSeriesResponse.Parse(json), "email", options);

    [Fact]
    public void The_schema_marks_unsubscribe_spam_and_bounce_rates_as_lower_is_better_guardrails()
    {
        var email = Catalogue.FindChannel("email")!;
        Assert.Equal(GuardrailDirection.LowerIsBetter, email.FindRate("UnsubscribeRate")!.Guardrail);
        Assert.Equal(GuardrailDirection.LowerIsBetter, email.FindRate("SpamRate")!.Guardrail);
        Assert.Equal(GuardrailDirection.LowerIsBetter, email.FindRate("BounceRate")!.Guardrail);
        Assert.Null(email.FindRate("UniqueClickRate")!.Guardrail);
        Assert.Null(email.FindRate("ConversionRate")!.Guardrail);
    }

    [Fact]
    public void Each_day_is_the_sequential_test_on_the_cumulative_counts()
    {
        var json = Days(10, d => new[] { ("a", 1000L + d, 1000L + d, 50L + (d % 3), 1L), ("c", 1000L, 1000L, 45L, 0L) });
        var result = Read(json);

        Assert.Equal(20, result.Looks.Count);
        var dates = result.Looks.Select(l => l.Date).Distinct().ToArray();
        Assert.Equal(10, dates.Length);
        long trials = 0, successes = 0;
        for (int d = 0; d < 10; d++)
        {
            trials += 1000 + d;
            successes += 50 + (d % 3);
            var variant = result.Looks.Single(l => l.Date == dates[d] && l.ArmIndex == 0);
            var control = result.Looks.Single(l => l.Date == dates[d] && l.ArmIndex == 1);
            Assert.Equal((trials, successes), (variant.Trials, variant.Successes));
            Assert.Equal((1000L * (d + 1), 45L * (d + 1)), (control.Trials, control.Successes));
            var expected = SequentialTest.Difference(new Proportion(successes, trials), new Proportion(45L * (d + 1), 1000L * (d + 1)));
            Assert.Equal(expected.Lower, variant.Lower);
            Assert.Equal(expected.Upper, variant.Upper);
            Assert.Equal(expected.PValue, variant.PValue);
            Assert.Equal(expected.PValue, variant.AdjustedPValue); // one variation: every adjustment is the identity
            Assert.Equal(ZTest.TwoProportions(new Proportion(successes, trials), new Proportion(45L * (d + 1), 1000L * (d + 1))).PValue, variant.NaivePValue);
            Assert.Null(control.PValue);
            Assert.Null(control.Lower);
        }

        var frame = result.ToDataFrame();
        Assert.Equal(
            new[] { "date", "variation_api_id", "variation_name", "trials", "successes", "rate", "lift", "cs_low", "cs_high", "p_value_always_valid", "p_value_adjusted", "p_value_naive" },
            frame.Columns.Select(c => c.Name));
        Assert.Equal("2025-03-10", frame.Columns["date"][19]);
        Assert.Equal(2, result.LastDay.Count);
    }

    [Fact]
    public void Fewer_than_seven_days_or_thirty_successes_is_not_yet_with_the_reason()
    {
        var result = Read(Days(5, d => new[] { ("a", 1000L, 1000L, 80L, 0L), ("c", 1000L, 1000L, 40L, 0L) }));
        Assert.Equal(VerdictKind.NotYet, result.Verdict.Kind);
        Assert.Contains("only 5 day(s) of data (the rule is at least 7)", result.Verdict.Text);

        var few = Read(Days(8, d => new[] { ("a", 100L, 100L, 2L, 0L), ("c", 100L, 100L, 1L, 0L) }));
        Assert.Equal(VerdictKind.NotYet, few.Verdict.Kind);
        Assert.Contains("'Control Group' has 8 conversions (the rule is at least 30 per arm)", few.Verdict.Text);
        Assert.DoesNotContain("day(s) of data", few.Verdict.Text);
    }

    [Fact]
    public void One_arm_is_not_yet_because_there_is_nothing_to_compare()
    {
        var result = Read(Days(9, d => new[] { ("a", 1000L, 1000L, 80L, 0L) }));
        Assert.Equal(VerdictKind.NotYet, result.Verdict.Kind);
        Assert.Equal("not yet: only one arm ('Variant A'), nothing to compare it with", result.Verdict.Text);
        Assert.Empty(result.Looks);
    }

    [Fact]
    public void A_variation_that_starts_later_counts_zero_before_and_the_split_check_waits_for_it()
    {
        var result = Read(Days(10, d => d < 3
            ? new[] { ("a", 1000L, 1000L, 50L, 0L), ("c", 1000L, 1000L, 50L, 0L) }
            : new[] { ("a", 1000L, 1000L, 50L, 0L), ("b", 1000L, 1000L, 60L, 0L), ("c", 1000L, 1000L, 50L, 0L) }));
        Assert.Equal(30, result.Looks.Count);
        var firstB = result.Looks.First(l => result.Final.Arms[l.ArmIndex].Key == "b");
        Assert.Equal((0L, 0L), (firstB.Trials, firstB.Successes));
        Assert.Null(firstB.PValue);
        Assert.Equal(new LocalDate(2025, 3, 4), result.SampleRatio[0].Date);
        Assert.Null(result.SampleRatioFlaggedOn());
    }

    [Fact]
    public void A_clear_winner_after_a_week_is_conclusive_and_a_worse_guardrail_is_named()
    {
        var json = Days(8, d => new[] { ("a", 5000L, 5000L, 400L, 30L), ("b", 5000L, 5000L, 250L, 2L), ("c", 5000L, 5000L, 250L, 0L) });
        var result = Read(json);
        Assert.Equal(VerdictKind.Conclusive, result.Verdict.Kind);
        Assert.StartsWith("'Variant A' is above 'Control Group' on ConversionRate (+60.0 %", result.Verdict.Text);
        Assert.DoesNotContain("Variant B' is", result.Verdict.Text);

        // The control group sends nothing, so no guardrail can be checked against it: said, not skipped silently.
        Assert.All(result.Guardrails, g => Assert.NotNull(g.NotChecked));
        Assert.Empty(result.Verdict.WorseGuardrails);

        // Against variant B the unsubscribe rate of A got worse; the verdict names it.
        var againstB = Read(json, new SequentialComparisonOptions { Comparison = new ChannelComparisonOptions { Control = "Variant B" } });
        var unsubscribe = againstB.Guardrails.Single(g => g.Rate == "UnsubscribeRate" && againstB.Final.Arms[g.ArmIndex].Key == "a");
        Assert.True(unsubscribe.Worse);
        Assert.Contains("guardrail got worse: UnsubscribeRate for 'Variant A'", againstB.Verdict.Text);
        Assert.Equal(new[] { "UnsubscribeRate for 'Variant A'" }, againstB.Verdict.WorseGuardrails);
    }

    [Fact]
    public void A_broken_split_is_flagged_on_the_day_it_appears_and_the_verdict_waits()
    {
        // 50/50 for 6 days, then variant A gets 30 % fewer sends.
        var json = Days(12, d => new[] { ("a", d < 6 ? 5000L : 3500L, 5000L, 300L, 0L), ("c", 5000L, 5000L, 250L, 0L) });
        var result = Read(json);
        Assert.Equal(SampleRatioBasis.Exposure, result.Final.Result.SampleRatioBasis);
        var flagged = result.SampleRatioFlaggedOn();
        Assert.Equal(new LocalDate(2025, 3, 7), flagged);
        Assert.All(result.SampleRatio.Where(s => s.Date < flagged), s => Assert.True(s.PValue >= 0.001));
        Assert.Equal(VerdictKind.NotYet, result.Verdict.Kind);
        Assert.Contains("sample-ratio mismatch since 2025-03-07", result.Verdict.Text);
    }

    [Fact]
    public void An_underpowered_test_says_how_many_more_days_a_five_percent_lift_needs()
    {
        var result = Read(Days(10, d => new[] { ("a", 1000L, 1000L, 50L, 0L), ("c", 1000L, 1000L, 50L, 0L) }));
        Assert.Equal(VerdictKind.NoDifference, result.Verdict.Kind);
        var plan = result.Power!;
        Assert.Equal(0.05, plan.ControlRate);
        Assert.Equal(1000, plan.DailyTrialsPerArm);
        Assert.Equal(10000, plan.TrialsPerArm);
        Assert.Equal(Power.Plan(0.05, 0.05, 1000, 10000).SequentialMoreDays, plan.SequentialMoreDays);
        Assert.Contains($"underpowered: at this volume a 5 % lift needs ~{plan.SequentialMoreDays} more days (sequential test)", result.Verdict.Text);
    }

    [Fact]
    public void Benjamini_Hochberg_or_no_adjustment_can_replace_Holm()
    {
        var json = Days(8, d => new[] { ("a", 5000L, 5000L, 290L, 0L), ("b", 5000L, 5000L, 300L, 0L), ("c", 5000L, 5000L, 250L, 0L) });
        var holm = Read(json).LastDay;
        var bh = Read(json, new SequentialComparisonOptions { Comparison = new ChannelComparisonOptions { Statistics = new ComparisonOptions { Adjustment = PValueAdjustment.BenjaminiHochberg } } }).LastDay;
        var none = Read(json, new SequentialComparisonOptions { Comparison = new ChannelComparisonOptions { Statistics = new ComparisonOptions { Adjustment = PValueAdjustment.None } } }).LastDay;
        var raw = new double?[] { holm[0].PValue, holm[1].PValue, null };
        Assert.Equal(Adjust.Holm(raw), holm.Select(l => l.AdjustedPValue));
        Assert.Equal(Adjust.BenjaminiHochberg(raw), bh.Select(l => l.AdjustedPValue));
        Assert.Equal(raw, none.Select(l => l.AdjustedPValue));
    }
}
