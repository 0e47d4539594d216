using System.Linq;
using System.Text;
using System.Text.Json;
using CampaignAnalytics.Serialization;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Tests.Serialization;

/// <summary>The read helpers' fast paths (plain digits, plain dates, repeated strings) agree with the full paths they skip.</summary>
public class ReadHelperFastPathTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("123456789012345678")]
    [InlineData("1234567890123456789")]
    [InlineData("9223372036854775807")]
    [InlineData("-5")]
    [InlineData("3.0")]
    [InlineData("1e3")]
    public void Integers_read_as_TryGetInt64_or_the_decimal_path_would(string json)
    {
        var reader = At(json);
        var expected = reader.TryGetInt64(out var v) ? v : (long)reader.GetDecimal();
        Assert.Equal(expected, JsonReadHelpers.ReadInt64(ref reader));
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2025-12-01")]
    [InlineData("0000-01-01")]
    public void Valid_dates_read_as_the_iso_pattern_parses_them(string text)
    {
        var reader = At("\"" + text + "\"");
        Assert.Equal(LocalDatePattern.Iso.Parse(text).Value, JsonReadHelpers.ReadLocalDate(ref reader));
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2025-13-01")]
    [InlineData("2025-00-10")]
    [InlineData("2025-1-10")]
    [InlineData("2025-01-1x")]
    public void Invalid_dates_fail_with_the_pattern_message(string text)
    {
        var e = Assert.Throws<CampaignJsonException>(() =>
        {
            var reader = At("\"" + text + "\"");
            JsonReadHelpers.ReadLocalDate(ref reader);
        });
        Assert.Contains("expected an ISO-8601 date (yyyy-MM-dd), found \"" + text + "\"", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_strings_come_back_equal_whatever_lands_in_the_same_slot()
    {
        // Many distinct values sharing length, first and last bytes force slot reuse; every read must still be exact.
        var values = Enumerable.Range(0, 2000).Select(i => "variation-" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + "-name")
            .Concat(new[] { "é ü ñ", "😀", "Control Group", string.Empty, new string('x', 64), new string('y', 65) })
            .ToArray();
        for (var round = 0; round < 3; round++)
        {
            foreach (var value in values)
            {
                var reader = At(JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = JsonReadHelpers.RelaxedEncoder }));
                Assert.Equal(value, JsonReadHelpers.ReadString(ref reader));
            }
        }
    }

    private static Utf8JsonReader At(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Assert.True(reader.Read());
        return reader;
    }

    [Fact]
    public void A_fast_path_date_is_the_same_LocalDate()
    {
        var reader = At("\"2024-03-10\"");
        Assert.Equal(new LocalDate(2024, 3, 10), JsonReadHelpers.ReadLocalDate(ref reader));
    }
}
