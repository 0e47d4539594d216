using System;
using System.Globalization;
using CampaignAnalytics.Cli.Infrastructure;
using NodaTime;

namespace CampaignAnalytics.Cli.Output;

/// <summary>
/// Invariant text of a cell: dates yyyy-MM-dd, doubles as plain decimals that round-trip (<see cref="PlainDecimal"/>),
/// null as empty.
/// </summary>
internal static class Cells
{
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        LocalDate d => Dates.Format(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double x => PlainDecimal(x),
        bool b => b ? "true" : "false",
        _ => throw new ArgumentException("Unsupported cell type " + value.GetType().Name + ".", nameof(value)),
    };

    /// <summary>
    /// A double in plain fixed-point notation that round-trips: the shortest round-trip digits ("R") with the decimal
    /// point moved instead of an exponent (1E-05 is <c>0.00001</c>, 1E+16 is <c>10000000000000000</c>), so
    /// <c>double.Parse</c> of the text gives the same double back. Negative zero is written <c>0</c> (it equals zero,
    /// and a rate or lift of "-0" only confuses spreadsheets); NaN and infinities, which the tool's numbers never
    /// are, are written as an empty cell, like null.
    /// </summary>
    public static string PlainDecimal(double value)
    {
        Span<char> buffer = stackalloc char[MaxShortLength];
        if (TryPlainDecimal(value, buffer, out var length))
        {
            return new string(buffer[..length]);
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOfAny(new[] { 'E', 'e' });

        var exponent = int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = shortest.Substring(0, e);
        var negative = mantissa.StartsWith('-');
        if (negative)
        {
            mantissa = mantissa.Substring(1);
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent; // digits before the decimal point
        string text;
        if (point <= 0)
        {
            text = "0." + new string('0', -point) + digits;
        }
        else if (point >= digits.Length)
        {
            text = digits + new string('0', point - digits.Length);
        }
        else
        {
            text = digits.Substring(0, point) + "." + digits.Substring(point);
        }

        return negative ? "-" + text : text;
    }

    /// <summary>Room for the text of <see cref="TryPlainDecimal"/>.</summary>
    public const int MaxShortLength = 32;

    /// <summary>
    /// The text of <see cref="PlainDecimal"/> into <paramref name="destination"/> (at least <see cref="MaxShortLength"/>
    /// chars) without allocating, when the shortest round-trip digits have no exponent (every double the tool writes
    /// but the very large and very small); false otherwise, and <see cref="PlainDecimal"/> moves the point.
    /// </summary>
    public static bool TryPlainDecimal(double value, Span<char> destination, out int length)
    {
        if (!double.IsFinite(value))
        {
            length = 0;
            return true;
        }

        if (value == 0)
        {
            destination[0] = '0'; // both +0 and -0
            length = 1;
            return true;
        }

        return value.TryFormat(destination, out length, "R", CultureInfo.InvariantCulture)
            && destination[..length].IndexOfAny('E', 'e') < 0;
    }
}
