using System;
using System.Buffers;
using System.IO;
using System.Text;

namespace CampaignAnalytics.Cli.Output;

/// <summary>
/// RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, a quote, CR or LF (quotes
/// doubled); invariant culture, dates yyyy-MM-dd, doubles as plain decimals that round-trip (no exponent), an empty cell for null.
/// Rows are written by <see cref="CsvRowSink"/>, one at a time.
/// </summary>
internal static class CsvWriter
{
    private static readonly SearchValues<char> Special = SearchValues.Create(",\"\r\n");

    public static void Write(Table table, TextWriter writer)
    {
        using var sink = new CsvRowSink(table.Columns, writer);
        sink.WriteTable(table);
    }

    public static string Escape(string field)
    {
        if (field.AsSpan().IndexOfAny(Special) < 0)
        {
            return field;
        }

        var builder = new StringBuilder(field.Length + 2).Append('"');
        builder.Append(field.Replace("\"", "\"\"", System.StringComparison.Ordinal));
        return builder.Append('"').ToString();
    }
}
