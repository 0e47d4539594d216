using CampaignAnalytics.Invariant;
using NodaTime;

namespace CampaignAnalytics.Windows;

/// <summary>One value of a daily series: what was observed on one calendar day.</summary>
/// <typeparam name="T">The value: a count, an amount, or a whole day of a model.</typeparam>
/// <param name="Date">The calendar day (in the report zone) the value covers.</param>
/// <param name="Value">The value observed on that day.</param>
public readonly record struct DailyValue<T>(LocalDate Date, T Value)
{
    /// <summary>The date in ISO-8601 and the value formatted with the invariant culture, e.g. <c>2025-06-19: 42</c>.</summary>
    public override string ToString() =>
        InvariantText.Iso(Date) + ": " + InvariantText.Value(Value);
}
