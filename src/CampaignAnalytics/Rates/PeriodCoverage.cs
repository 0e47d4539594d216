using System.Text;
using CampaignAnalytics.Serialization;
using CampaignAnalytics.Windows;
using NodaTime;

namespace CampaignAnalytics.Rates;

/// <summary>
/// One period of a <see cref="RatePeriod"/> and how many of its days have data (<see cref="RatePeriod.Coverage"/>).
/// A rate over a period with missing days is the rate of the days present, not of the whole period its dates name.
/// </summary>
/// <param name="Period">The period, as the rates label it.</param>
/// <param name="DaysPresent">How many of its days have data.</param>
public sealed record PeriodCoverage(DateInterval Period, int DaysPresent)
{
    /// <summary>Days of <see cref="Period"/> without data.</summary>
    public int DaysMissing => Period.Length - DaysPresent;

    /// <summary>True when every day of <see cref="Period"/> has data.</summary>
    public bool IsComplete => DaysMissing == 0;

    /// <summary>The coverage printed by the record's ToString, culture-independent (the period as <c>start..end</c>).</summary>
    /// <param name="builder">The record's text.</param>
    private bool PrintMembers(StringBuilder builder) =>
        RecordText.Members(builder, (nameof(Period), Period), (nameof(DaysPresent), DaysPresent), (nameof(DaysMissing), DaysMissing));
}
