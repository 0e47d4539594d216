using System;
using System.Collections;
using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Windows;

/// <summary>
/// The one place for culture-independent text: ISO-8601 dates and intervals in messages, frames and the
/// <c>ToString()</c> of the records analysts print (never the current culture).
/// </summary>
/// <remarks>
/// Dates are <c>uuuu-MM-dd</c> (<see cref="LocalDatePattern.Iso"/>), intervals <c>start..end</c> (both ends
/// inclusive), offset date-times <see cref="OffsetDateTimePattern.ExtendedIso"/>, doubles round-trip (<c>R</c>) with
/// the invariant culture, other numbers invariant, lists <c>[a, b]</c>, null as nothing (as compiler-generated
/// record text does).
/// </remarks>
internal static class DateText
{
    /// <summary>The date as <c>uuuu-MM-dd</c>.</summary>
    internal static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>The interval as <c>uuuu-MM-dd..uuuu-MM-dd</c> (both ends inclusive).</summary>
    internal static string Iso(DateInterval interval) => Iso(interval.Start) + ".." + Iso(interval.End);

    /// <summary>The offset date-time as extended ISO-8601 (<see cref="OffsetDateTimePattern.ExtendedIso"/>), e.g. <c>2025-03-02T00:00:00+01</c>.</summary>
    internal static string Iso(OffsetDateTime value) => OffsetDateTimePattern.ExtendedIso.Format(value);

    /// <summary>The number with round-trip precision and the invariant culture, e.g. <c>0.1</c>.</summary>
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Any value as invariant text: dates, intervals and offset date-times in ISO-8601, doubles round-trip,
    /// other formattable values with the invariant culture, sequences (not strings) as <c>[a, b]</c>, null as empty.
    /// </summary>
    internal static string Value(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        LocalDate d => Iso(d),
        DateInterval i => Iso(i),
        OffsetDateTime o => Iso(o),
        double d => Number(d),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => List(e),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// Record-style text, <c>Name { A = a, B = b }</c>, each member's value as <see cref="Value(object?)"/>.
    /// </summary>
    /// <param name="name">The type's name.</param>
    /// <param name="members">The members' names and values, in order.</param>
    internal static string Record(string name, params (string Name, object? Value)[] members)
    {
        var text = new StringBuilder(name).Append(" {");
        for (var i = 0; i < members.Length; i++)
        {
            text.Append(i == 0 ? " " : ", ").Append(members[i].Name).Append(" = ").Append(Value(members[i].Value));
        }

        return text.Append(" }").ToString();
    }

    private static string List(IEnumerable items)
    {
        var text = new StringBuilder("[");
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                text.Append(", ");
            }

            text.Append(Value(item));
            first = false;
        }

        return text.Append(']').ToString();
    }
}
