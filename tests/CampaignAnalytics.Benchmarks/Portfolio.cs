using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace CampaignAnalytics.Benchmarks;

/// <summary>
/// A seeded synthetic portfolio: <c>N</c> campaigns × <c>D</c> days of <c>GET /campaigns/data_series</c> responses, one
/// file per campaign (<c>campaign-0000.json</c> …), with the bundled sample's channel mix. Each day is a day of the
/// sample (<c>spring-sale.json</c>, cycled), re-dated, with every count of the campaign scaled by one seeded factor
/// (rounded down, so a numerator never exceeds its denominator) and amounts scaled the same way. The same seed, size
/// and sample give the same bytes.
/// <code>dotnet run -c Release --project tests/CampaignAnalytics.Benchmarks -- --portfolio N D DIR</code>
/// </summary>
public static class Portfolio
{
    /// <summary>The seed of every portfolio.</summary>
    public const int Seed = 20261206;

    /// <summary>The first day of every campaign.</summary>
    public static readonly DateOnly Start = new(2024, 1, 1);

    /// <summary>The sample copied beside the assembly.</summary>
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "spring-sale.json");

    /// <summary>Writes the portfolio into <paramref name="directory"/> (created) and returns the files in campaign order.</summary>
    public static IReadOnlyList<string> Write(int campaigns, int days, string directory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(campaigns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        Directory.CreateDirectory(directory);
        using var sample = JsonDocument.Parse(File.ReadAllBytes(SamplePath));
        var templates = new List<JsonElement>();
        foreach (var day in sample.RootElement.GetProperty("data").EnumerateArray())
        {
            templates.Add(day);
        }

        var random = new Random(Seed);
        var files = new List<string>(campaigns);
        for (var c = 0; c < campaigns; c++)
        {
            var factor = 0.25 + (1.5 * random.NextDouble());
            var offset = random.Next(templates.Count);
            var path = Path.Combine(directory, "campaign-" + c.ToString("D4", CultureInfo.InvariantCulture) + ".json");
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("message", "success");
                writer.WriteStartArray("data");
                for (var d = 0; d < days; d++)
                {
                    var date = Start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    WriteScaled(writer, templates[(offset + d) % templates.Count], factor, date);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            files.Add(path);
        }

        return files;
    }

    /// <summary>The template with counts and amounts scaled and <c>time</c> replaced by <paramref name="date"/>.</summary>
    private static void WriteScaled(Utf8JsonWriter writer, JsonElement element, double factor, string? date)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (date is not null && property.NameEquals("time"))
                    {
                        writer.WriteStringValue(date);
                    }
                    else
                    {
                        WriteScaled(writer, property.Value, factor, null);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteScaled(writer, item, factor, null);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var count):
                writer.WriteNumberValue((long)Math.Floor(count * factor));
                break;
            case JsonValueKind.Number:
                writer.WriteNumberValue(Math.Round(element.GetDouble() * factor, 2));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
