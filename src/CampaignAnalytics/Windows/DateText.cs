using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Windows;

/// <summary>Invariant ISO-8601 text for dates and intervals in messages (never the current culture).</summary>
internal static class DateText
{
    /// <summary>The date as <c>uuuu-MM-dd</c>.</summary>
    internal static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>The interval as <c>uuuu-MM-dd..uuuu-MM-dd</c> (both ends inclusive).</summary>
    internal static string Iso(DateInterval interval) => Iso(interval.Start) + ".." + Iso(interval.End);
}
