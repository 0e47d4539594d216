using System.IO;
using System.Linq;
using System.Text;

namespace CampaignAnalytics.Cli.Output;

/// <summary>
/// RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, a quote, CR or LF (quotes
/// doubled); invariant culture, dates yyyy-MM-dd, doubles as plain decimals that round-trip (no exponent), an empty cell for null.
/// </summary>
internal static class CsvWriter
{
    public static void Write(Table table, TextWriter writer)
    {
        writer.Write(string.Join(",", table.Columns.Select(c => Escape(c.Name))));
        writer.Write("\r\n");
        foreach (var row in table.Rows)
        {
            writer.Write(string.Join(",", row.Select(cell => Escape(Cells.Text(cell)))));
            writer.Write("\r\n");
        }
    }

    public static string Escape(string field)
    {
        if (field.IndexOfAny(new[] { ',', '"', '\r', '\n' }) < 0)
        {
            return field;
        }

        var builder = new StringBuilder(field.Length + 2).Append('"');
        builder.Append(field.Replace("\"", "\"\"", System.StringComparison.Ordinal));
        return builder.Append('"').ToString();
    }
}
