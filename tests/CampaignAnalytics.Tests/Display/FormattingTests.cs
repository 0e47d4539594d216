using CampaignAnalytics.Comparison;
using Verdict = CampaignAnalytics.Display.Verdict;
using System;
using System.Linq;
using CampaignAnalytics.Display;
using CampaignAnalytics.Statistics;
using NodaTime;

namespace CampaignAnalytics.Tests.Display;

public class FormattingTests
{
    [Theory]
    [InlineData(0.0201508, "2.02%")]
    [InlineData(0.25, "25.00%")]
    [InlineData(1.5, "150.00%")]
    [InlineData(12.345, "1,234.50%")]
    [InlineData(0.00947101, "0.95%")]
    [InlineData(0.000123, "0.012%")]
    [InlineData(0.0000123, "0.0012%")]
    [InlineData(0.000000001, "< 0.0001%")]
    [InlineData(0.0, "0.00%")]
    [InlineData(null, "")]
    [InlineData(double.NaN, "")]
    public void Percentages_have_sensible_precision_and_never_show_a_non_zero_rate_as_zero(double? fraction, string expected) =>
        Assert.Equal(expected, Formatting.Percent(fraction));

    [Theory]
    [InlineData(0.724501, "+72.5%")]
    [InlineData(-0.0412, "-4.1%")]
    [InlineData(0.004, "+0.40%")]
    [InlineData(0.0, "0.0%")]
    [InlineData(null, "")]
    public void Lifts_are_signed_percentages(double? lift, string expected) => Assert.Equal(expected, Formatting.Lift(lift));

    [Theory]
    [InlineData(0.105039, "0.1050")]
    [InlineData(0.00012, "0.0001")]
    [InlineData(3.87744E-08, "< 0.0001")]
    [InlineData(4.39042E-110, "< 0.0001")]
    [InlineData(0.0, "< 1e-300")]
    [InlineData(1.0, "1.0000")]
    [InlineData(null, "")]
    public void P_values_never_use_an_exponent_and_never_read_zero(double? p, string expected) => Assert.Equal(expected, Formatting.PValue(p));

    [Theory]
    [InlineData(1.0, "> 99.9%")]
    [InlineData(0.9996, "> 99.9%")]
    [InlineData(0.873, "87.3%")]
    [InlineData(0.0, "< 0.1%")]
    [InlineData(null, "")]
    public void Probabilities_never_claim_certainty(double? p, string expected) => Assert.Equal(expected, Formatting.Probability(p));

    [Fact]
    public void Negative_zero_is_written_as_zero()
    {
        Assert.Equal("0.00%", Formatting.Percent(-0.0));
        Assert.Equal("0.0%", Formatting.Lift(-0.0));
        Assert.Equal("0", Formatting.Amount(-0.0));
    }

    [Fact]
    public void Counts_amounts_statistics_levels_and_intervals()
    {
        Assert.Equal("676,399", Formatting.Count(676399));
        Assert.Equal("4,329", Formatting.Amount(4329));
        Assert.Equal("1,234.5", Formatting.Amount(1234.5));
        Assert.Equal("100,000,000,000,000,000,000", Formatting.Amount(1e20)); // never 1E+20
        Assert.Equal("2,030.68", Formatting.Statistic(2030.6812));
        Assert.Equal("0.00", Formatting.Statistic(-0.001));
        Assert.Equal("95%", Formatting.Level(0.95));
        Assert.Equal("99.5%", Formatting.Level(0.995));
        Assert.Throws<ArgumentOutOfRangeException>(() => Formatting.Level(95));
        Assert.Equal("[1.98%, 2.05%]", Formatting.Interval(0.0198187, 0.0204884));
        Assert.Equal(string.Empty, Formatting.Interval(null, 0.1));
    }

    [Fact]
    public void Periods_are_short_and_unambiguous()
    {
        Assert.Equal("2025-03-01", Formatting.Period(new LocalDate(2025, 3, 1), new LocalDate(2025, 3, 1)));
        Assert.Equal("2025-03", Formatting.Period(new LocalDate(2025, 3, 1), new LocalDate(2025, 3, 31)));
        Assert.Equal("2024-02", Formatting.Period(new LocalDate(2024, 2, 1), new LocalDate(2024, 2, 29)));
        Assert.Equal("2025-03-03..03-09", Formatting.Period(new LocalDate(2025, 3, 3), new LocalDate(2025, 3, 9)));
        Assert.Equal("2025-03-01..03-30", Formatting.Period(new LocalDate(2025, 3, 1), new LocalDate(2025, 3, 30)));
        Assert.Equal("2025-12-29..2026-01-04", Formatting.Period(new LocalDate(2025, 12, 29), new LocalDate(2026, 1, 4)));
        Assert.Throws<ArgumentException>(() => Formatting.Period(new LocalDate(2025, 3, 2), new LocalDate(2025, 3, 1)));
        Assert.Equal("7", Formatting.Days(7, 7));
        Assert.Equal("2 of 7", Formatting.Days(2, 7));
    }

    private static ComparisonRow Row(bool control, double? lift, double? holm) =>
        new("k", "n", 100, 10, 0.1, 0.05, 0.15, control, lift, lift, 1, holm, holm is null ? null : 1 - holm, holm, 0.5, null, null);

    [Fact]
    public void Verdicts_follow_the_holm_p_value_at_the_confidence_level_and_the_sign_of_the_difference()
    {
        Assert.Equal(Verdict.Baseline, Formatting.VerdictOf(Row(true, null, null), 0.95));
        Assert.Equal(Verdict.Better, Formatting.VerdictOf(Row(false, 0.02, 0.01), 0.95));
        Assert.Equal(Verdict.Worse, Formatting.VerdictOf(Row(false, -0.02, 0.01), 0.95));
        Assert.Equal(Verdict.NoDifferenceYet, Formatting.VerdictOf(Row(false, 0.02, 0.01), 0.99));
        Assert.Equal(Verdict.NoDifferenceYet, Formatting.VerdictOf(Row(false, 0.02, 0.05), 0.95));
        Assert.Equal(Verdict.NotTested, Formatting.VerdictOf(Row(false, null, null), 0.95));
        Assert.Equal(
            new[] { "not tested", "baseline", "better", "worse", "no difference yet" },
            Enum.GetValues<Verdict>().Select(Formatting.Text));
    }

    [Fact]
    public void The_sample_ratio_check_is_one_sentence()
    {
        Assert.Equal("the split looks as intended (p = 0.1050)", Formatting.SampleRatioSentence(0.105039));
        Assert.Equal("investigate: p = 0.0002, the arms' sizes are further from the intended split than chance explains", Formatting.SampleRatioSentence(0.0002));
        Assert.Equal("investigate: p < 1e-300, the arms' sizes are further from the intended split than chance explains", Formatting.SampleRatioSentence(0));
        Assert.Equal("not checked", Formatting.SampleRatioSentence(null));
        Assert.Equal("p = 0.0312", Formatting.PClause(0.0312));
        Assert.Equal("p < 0.0001", Formatting.PClause(1e-9));
        Assert.Equal("no p-value", Formatting.PClause(null));
    }
}
