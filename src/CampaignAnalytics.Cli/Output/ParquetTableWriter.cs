using System.IO;
using System.Threading.Tasks;

namespace CampaignAnalytics.Cli.Output;

/// <summary>A table as Parquet (see <see cref="ParquetRowSink"/>): strings as UTF-8, dates as DATE, integers as nullable INT64, numbers as nullable DOUBLE, booleans as nullable BOOLEAN.</summary>
internal static class ParquetTableWriter
{
    public static Task WriteAsync(Table table, Stream stream)
    {
        using var sink = new ParquetRowSink(table.Columns, stream);
        sink.WriteTable(table);
        return Task.CompletedTask;
    }
}
