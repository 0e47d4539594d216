using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Invariant;

/// <summary>
/// The one place for culture-independent text (numbers, dates, lists), depending on nothing of the library but
/// NodaTime: ISO-8601 dates and intervals in messages, frames and the
/// <c>ToString()</c> of the records analysts print (never the current culture; records print through
/// <see cref="Serialization.RecordText"/>).
/// </summary>
/// <remarks>
/// Dates are <c>uuuu-MM-dd</c> (<see cref="LocalDatePattern.Iso"/>), intervals <c>start..end</c> (both ends
/// inclusive), offset date-times <see cref="OffsetDateTimePattern.ExtendedIso"/>, doubles round-trip (<c>R</c>) with
/// the invariant culture, other numbers invariant, lists <c>[a, b]</c>, null as nothing (as compiler-generated
/// record text does).
/// </remarks>
internal static class InvariantText
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
    /// other formattable values with the invariant culture, count maps (a model's pattern groups) as
    /// <c>{ name: count }</c>, other sequences (not strings) as <c>[a, b]</c>, null as empty.
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
        IReadOnlyDictionary<string, long> counts => Counts(counts),
        IEnumerable e => List(e),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Counts(IReadOnlyDictionary<string, long> counts)
    {
        var text = new StringBuilder("{ ");
        var first = true;
        foreach (var pair in counts)
        {
            text.Append(first ? string.Empty : ", ").Append(pair.Key).Append(": ").Append(pair.Value.ToString(CultureInfo.InvariantCulture));
            first = false;
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
