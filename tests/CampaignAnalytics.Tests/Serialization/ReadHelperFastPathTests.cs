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

    [Fact]
    public void Counts_of_every_length_read_as_TryGetInt64_reads_them()
    {
        // The eight-digit word path covers 1 to 8 digits (three loads for 1 to 3, two overlapping for 4 to 8); longer
        // counts, signs, fractions and exponents take the full path. Every length, and digits next to each edge.
        var random = new System.Random(7);
        for (var length = 1; length <= 18; length++)
        {
            for (var sample = 0; sample < 200; sample++)
            {
                var digits = new char[length];
                for (var i = 0; i < length; i++)
                {
                    digits[i] = (char)('0' + random.Next(i == 0 && length > 1 ? 1 : 0, 10));
                }

                var json = new string(digits);
                var reader = At(json);
                Assert.True(reader.TryGetInt64(out var expected), json);
                Assert.Equal(expected, JsonReadHelpers.ReadInt64(ref reader));
            }
        }

        foreach (var json in new[] { "0", "9", "10", "99", "100", "999", "1000", "9999", "99999999", "100000000", "12345678", "87654321", "-0", "-1", "-12345678", "1.0", "1e2", "12E3", "1000000.0" })
        {
            var reader = At(json);
            var expected = reader.TryGetInt64(out var v) ? v : (long)reader.GetDecimal();
            Assert.Equal(expected, JsonReadHelpers.ReadInt64(ref reader));
        }
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("12.34567")]
    [InlineData("-0.5")]
    [InlineData("12345678.12345")]
    public void Fractions_are_rejected_as_counts_whatever_their_length(string json)
    {
        var e = Assert.Throws<CampaignJsonException>(() =>
        {
            var reader = At(json);
            JsonReadHelpers.ReadInt64(ref reader);
        });
        Assert.Contains("expected an integer, found the fraction " + json, e.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("1e2")]
    public void Integral_numbers_of_any_form_read_as_their_value(string json)
    {
        var reader = At(json);
        Assert.Equal((long)reader.GetDecimal(), JsonReadHelpers.ReadInt64(ref reader));
    }

    [Fact]
    public void Amounts_read_as_the_full_parser_reads_them_bit_for_bit()
    {
        // The short-decimal path divides an exact integer by an exact power of ten; it must give the very double that
        // double.Parse gives (correct rounding), for every digit count and scale it accepts and just beyond them.
        var random = new System.Random(11);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        for (var sample = 0; sample < 20000; sample++)
        {
            var json = DecimalTexts.Next(random, 11, 8);
            var reader = At(json);
            var expected = double.Parse(json, inv);
            var actual = JsonReadHelpers.ReadDouble(ref reader);
            Assert.True(System.BitConverter.DoubleToInt64Bits(expected) == System.BitConverter.DoubleToInt64Bits(actual), json + ": " + expected.ToString("R", inv) + " vs " + actual.ToString("R", inv));
        }

        foreach (var json in new[] { "0", "-0", "0.1", "0.3", "2.675", "9007199254740993", "123456789012345.6", "0.000000000000001", "1e-7", "1.7976931348623157e308", "4.9e-324" })
        {
            var reader = At(json);
            Assert.Equal(System.BitConverter.DoubleToInt64Bits(double.Parse(json, inv)), System.BitConverter.DoubleToInt64Bits(JsonReadHelpers.ReadDouble(ref reader)));
        }
    }

    [Fact]
    public void Lists_grow_by_doubling_and_are_trimmed_to_size()
    {
        var items = System.Array.Empty<string>();
        for (var i = 0; i < 9; i++)
        {
            if (i == items.Length)
            {
                items = JsonReadHelpers.Grow(items);
            }

            items[i] = "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(16, items.Length);
        var exact = JsonReadHelpers.Trim(items, 9);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), exact);
        Assert.Same(exact, JsonReadHelpers.Trim(exact, 9));
        Assert.Empty(JsonReadHelpers.Trim(System.Array.Empty<string>(), 0));
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2025-12-01")]
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
    [InlineData("0000-01-01")]
    [InlineData("-2026-10-01")]
    [InlineData("+2026-10-01")]
    [InlineData("12026-10-01")]
    [InlineData(" 2026-10-01")]
    public void Invalid_dates_fail_with_the_pattern_message(string text)
    {
        var e = Assert.Throws<CampaignJsonException>(() =>
        {
            var reader = At("\"" + text + "\"");
            JsonReadHelpers.ReadLocalDate(ref reader);
        });
        Assert.Contains("expected an ISO-8601 date (yyyy-MM-dd), found \"" + text + "\"", e.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-10-01\\u0000garbage", "2026-10-01\\u0000garbage")]
    [InlineData("2026-10-01\\u0000", "2026-10-01\\u0000")]
    [InlineData("\\u0032026-10-01x", "2026-10-01x")]
    [InlineData("0000\\u002d10-01", "0000-10-01")]
    public void Escaped_dates_are_held_to_the_same_form_and_quoted_with_control_characters_escaped(string escaped, string shown)
    {
        // NodaTime's pattern stops at a NUL and takes year 0: the escaped path must not lean on it.
        var e = Assert.Throws<CampaignJsonException>(() =>
        {
            var reader = At("\"" + escaped + "\"");
            JsonReadHelpers.ReadLocalDate(ref reader);
        });
        Assert.Equal("expected an ISO-8601 date (yyyy-MM-dd), found \"" + shown + "\"", e.Message);
    }

    [Fact]
    public void An_escaped_valid_date_still_reads()
    {
        var reader = At("\"2026\\u002d10-01\"");
        Assert.Equal(new NodaTime.LocalDate(2026, 10, 1), JsonReadHelpers.ReadLocalDate(ref reader));
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
                var reader = At(JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = ModelWriting.RelaxedEncoder }));
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
