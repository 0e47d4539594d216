using System.Linq;
using CampaignAnalytics.Charts;
using CampaignAnalytics.Comparison;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using CampaignAnalytics.Rates;

namespace CampaignAnalytics.Tests.Charts;

public class DisplayTablesTests
{
    private static readonly CampaignDataSeriesCatalogue Catalogue = CampaignDataSeriesCatalogue.Instance;

    [Fact]
    public void Comparison_table_formats_rates_intervals_and_p_values_for_people()
    {
        var response = Catalogue.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json"));
        var comparison = ChannelComparison.Compare(Catalogue, response, "email");
        var table = comparison.ToDisplayTable();
        Assert.Equal(
            new[] { "variation", "role", "verdict", "trials", "successes", "rate", "ci", "lift", "p_value", "p_holm", "prob_beat_control" },
            table.Columns.Select(c => c.Name));
        Assert.Equal(3, table.Rows.Count);
        // Variant A: 22 conversions of 760 recipients.
        Assert.Equal("Variant A", table.Columns["variation"][0]);
        Assert.Equal("variant", table.Columns["role"][0]);
        Assert.Equal("2.89%", table.Columns["rate"][0]);
        Assert.Matches(@"^\[\d+\.\d\d%, \d+\.\d\d%\]$", (string)table.Columns["ci"][0]);
        Assert.Equal("control group", table.Columns["role"][2]);
        Assert.Equal("baseline", table.Columns["verdict"][2]);
        Assert.Contains((string)table.Columns["verdict"][0], new[] { "better", "worse", "no difference yet" });
        Assert.Equal(table.Columns["verdict"], comparison.ToDisplayTable(0.95).Columns["verdict"]);
        Assert.Throws<System.ArgumentOutOfRangeException>(() => comparison.ToDisplayTable(95));
        Assert.Equal(string.Empty, table.Columns["p_value"][2]);
    }

    [Fact]
    public void Rate_table_shows_days_and_percentages()
    {
        var data = CampaignDataSet.Create(Catalogue, "c1", Catalogue.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json")));
        var rows = CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.Day)).Where(r => r.Channel == "email" && r.Rate == "DeliveryRate").ToList();
        var table = rows.ToDisplayTable();
        Assert.Equal("2025-06-19", table.Columns["period"][0]);
        Assert.Equal("Variant A", table.Columns["variation"][0]);
        Assert.Equal("98.68%", table.Columns["value"][0]); // 750 / 760
        Assert.Equal("760", table.Columns["denominator"][0]);
        Assert.Equal("1", table.Columns["days"][0]);

        // Weeks are whole ISO weeks; a week the data covers in part says how many of its days it counts.
        var weekly = CampaignRates.Compute(data, new RateGrouping(Period: RatePeriod.IsoWeek)).Where(r => r.Channel == "email" && r.Rate == "DeliveryRate").ToList();
        var weeks = weekly.ToDisplayTable();
        Assert.Matches(@"^\d{4}-\d\d-\d\d\.\.\d\d-\d\d$", (string)weeks.Columns["period"][0]);
        Assert.Equal(weekly[0].DaysCounted == 7 ? "7" : $"{weekly[0].DaysCounted} of 7", weeks.Columns["days"][0]);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData(0.5, "0.5000")]
    [InlineData(0.00001234, "< 0.0001")]
    [InlineData(0.0, "< 1e-300")]
    public void P_values_are_readable(double? p, string expected) => Assert.Equal(expected, DisplayTables.PValue(p));

    [Theory]
    [InlineData(0.0123, 2, "1.23%")]
    [InlineData(-0.05, 1, "-5.0%")]
    [InlineData(null, 2, "")]
    public void Percentages_use_the_invariant_culture(double? f, int decimals, string expected) =>
        Assert.Equal(expected, DisplayTables.Percent(f, decimals));
}
