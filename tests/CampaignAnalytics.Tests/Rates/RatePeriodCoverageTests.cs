using System;
using System.Linq;
using CampaignAnalytics.Rates;
using NodaTime;

namespace CampaignAnalytics.Tests.Rates;

/// <summary><see cref="RatePeriod.Coverage"/>: which periods a rate labels with more days than it covers.</summary>
public class RatePeriodCoverageTests
{
    // Monday 2026-03-02 to Wednesday 2026-03-11 with 2026-03-04..06 absent.
    private static readonly LocalDate[] Gappy = Enumerable.Range(0, 10).Select(i => new LocalDate(2026, 3, 2).PlusDays(i)).Where(d => d.Day is < 4 or > 6).ToArray();

    [Fact]
    public void Iso_weeks_with_days_missing_inside_the_data_count_the_days_present()
    {
        var weeks = RatePeriod.IsoWeek.Coverage(Gappy.Reverse().Concat(Gappy)); // any order, repeats once
        Assert.Equal(2, weeks.Count);
        Assert.Equal(new DateInterval(new LocalDate(2026, 3, 2), new LocalDate(2026, 3, 8)), weeks[0].Period);
        Assert.Equal((4, 3, false), (weeks[0].DaysPresent, weeks[0].DaysMissing, weeks[0].IsComplete));

        // The last ISO week is labelled Monday..Sunday by the rates, so the days after the data are missing from it too.
        Assert.Equal(new DateInterval(new LocalDate(2026, 3, 9), new LocalDate(2026, 3, 15)), weeks[1].Period);
        Assert.Equal(3, weeks[1].DaysPresent);
    }

    [Fact]
    public void Months_whole_custom_and_within_periods()
    {
        var month = Assert.Single(RatePeriod.Month.Coverage(Gappy));
        Assert.Equal((7, 24), (month.DaysPresent, month.DaysMissing));

        var whole = Assert.Single(RatePeriod.Whole.Coverage(Gappy));
        Assert.Equal(new DateInterval(new LocalDate(2026, 3, 2), new LocalDate(2026, 3, 11)), whole.Period);
        Assert.Equal(3, whole.DaysMissing);

        // A custom period clipped to the data, as the CLI's report does: only the gap is missing.
        var range = new DateInterval(Gappy[0], Gappy[^1]);
        var clipped = RatePeriod.Custom(d =>
        {
            var week = RatePeriod.IsoWeek.Coverage(new[] { d })[0].Period;
            return new DateInterval(LocalDate.Max(week.Start, range.Start), LocalDate.Min(week.End, range.End));
        }).Coverage(Gappy);
        Assert.Equal(new[] { 3, 0 }, clipped.Select(c => c.DaysMissing));

        // Days outside a Within period are ignored; no days, no periods.
        var within = Assert.Single(RatePeriod.Within(new DateInterval(new LocalDate(2026, 3, 7), new LocalDate(2026, 3, 9))).Coverage(Gappy));
        Assert.True(within.IsComplete);
        Assert.Empty(RatePeriod.Day.Coverage(Array.Empty<LocalDate>()));
        Assert.All(RatePeriod.Day.Coverage(Gappy), d => Assert.True(d.IsComplete));
        Assert.Throws<ArgumentNullException>(() => RatePeriod.Day.Coverage(null!));
    }
}
