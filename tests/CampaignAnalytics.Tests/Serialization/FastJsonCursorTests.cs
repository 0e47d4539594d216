using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using CampaignAnalytics.Serialization;
using NodaTime;

namespace CampaignAnalytics.Tests.Serialization;

/// <summary>
/// The fast path's cursor: it takes plain JSON exactly as strict JSON reads it and answers false for everything else
/// (so that the full reader decides), never accepting what <see cref="Utf8JsonReader"/> rejects.
/// </summary>
public class FastJsonCursorTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [Fact]
    public void Counts_of_every_length_read_as_long_Parse_reads_them_before_any_delimiter()
    {
        // 1 to 7 digits with 8 bytes left take the one-load path; longer counts and counts near the end of the text
        // take the digit loop. Every length, every delimiter, and the text ending right after the digits.
        var random = new Random(5);
        foreach (var after in new[] { "", ",", "}", "]", " ", "\n", ",\"sent\":1}", "          " })
        {
            for (var length = 1; length <= 18; length++)
            {
                for (var sample = 0; sample < 50; sample++)
                {
                    var digits = new string(Enumerable.Range(0, length).Select(i => (char)('0' + random.Next(i == 0 && length > 1 ? 1 : 0, 10))).ToArray());
                    var cursor = new FastJsonCursor(Encoding.UTF8.GetBytes(digits + after));
                    Assert.True(cursor.TryReadInt64(out var value), digits + after);
                    Assert.Equal(long.Parse(digits, Inv), value);
                    Assert.Equal(after.Trim().Length == 0, cursor.IsAtEnd());
                }
            }
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("01")]
    [InlineData("00")]
    [InlineData("0123456,")]
    [InlineData("1234567890123456789")]
    [InlineData("9223372036854775807")]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("\"1\"")]
    [InlineData("null")]
    [InlineData("+1")]
    [InlineData(".5")]
    public void What_is_not_a_plain_count_of_at_most_18_digits_is_not_taken(string json)
    {
        var cursor = new FastJsonCursor(Encoding.UTF8.GetBytes(json));
        Assert.False(cursor.TryReadInt64(out _));
    }

    [Theory]
    [InlineData("[1.5]")]
    [InlineData("[1e5]")]
    [InlineData("[1E5]")]
    [InlineData("[12x]")]
    [InlineData("[1 2]")]
    [InlineData("[1,]")]
    [InlineData("[0x10]")]
    public void A_count_followed_by_anything_but_a_delimiter_fails_the_next_step(string json)
    {
        Assert.False(ReadsAsArrayOfCounts(json));
    }

    [Fact]
    public void A_well_formed_array_of_counts_with_every_kind_of_white_space_is_taken()
    {
        Assert.True(ReadsAsArrayOfCounts(" \t\r\n[ 1 ,\t22\r\n,333 ]\n "));
        Assert.True(ReadsAsArrayOfCounts("[]"));
    }

    [Theory]
    [InlineData("[1]\u000B")]
    [InlineData("[1]\u00A0")]
    [InlineData("[1] x")]
    [InlineData("[1]]")]
    [InlineData("\u000C[1]")]
    public void Anything_but_JSON_white_space_around_the_value_is_not_taken(string json)
    {
        Assert.False(ReadsAsArrayOfCounts(json));
    }

    [Fact]
    public void Amounts_read_bit_for_bit_as_double_Parse_reads_them()
    {
        var random = new Random(13);
        for (var sample = 0; sample < 20000; sample++)
        {
            var json = DecimalTexts.Next(random, 9, 6);
            var cursor = new FastJsonCursor(Encoding.UTF8.GetBytes(json + ","));
            Assert.True(cursor.TryReadDouble(out var value), json);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(json, Inv)), BitConverter.DoubleToInt64Bits(value));
            Assert.True(cursor.TryComma(), json);
        }
    }

    [Theory]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-")]
    [InlineData("-.5")]
    [InlineData("01.5")]
    [InlineData("1234567890123456")]
    [InlineData("1234567890.123456")]
    [InlineData("+1.5")]
    [InlineData("1.5e3")]
    [InlineData("1E3")]
    [InlineData("NaN")]
    public void What_is_not_a_plain_decimal_of_at_most_15_digits_is_not_taken(string json)
    {
        var cursor = new FastJsonCursor(Encoding.UTF8.GetBytes(json));
        Assert.False(cursor.TryReadDouble(out _));
    }

    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"\"", "")]
    [InlineData("\"Control Group\"", "Control Group")]
    [InlineData("\"변형 A\"", "변형 A")]
    [InlineData("\"é ü ñ 😀\"", "é ü ñ 😀")]
    [InlineData("  \"x~\u007F\"", "x~\u007F")]
    public void Strings_without_escapes_read_as_their_text(string json, string expected)
    {
        var cursor = new FastJsonCursor(Encoding.UTF8.GetBytes(json));
        Assert.True(cursor.TryReadString(out var value));
        Assert.Equal(expected, value);
        Assert.True(cursor.IsAtEnd());
    }

    [Theory]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"a\\nb\"", "a\nb")]
    [InlineData("\"\\u0041\\/\"", "A/")]
    public void Escaped_string_values_are_decoded_as_the_full_reader_decodes_them(string json, string expected)
    {
        var cursor = new FastJsonCursor(Encoding.UTF8.GetBytes(json + ","));
        Assert.True(cursor.TryReadString(out var value));
        Assert.Equal(expected, value);
        Assert.True(cursor.TryComma());
        Assert.True(cursor.IsAtEnd());
    }

    [Theory]
    [InlineData("\"bad \\x escape\"")]
    [InlineData("\"\\u12\"")]
    [InlineData("\"tab\tinside\"")]
    [InlineData("\"nul\u0000inside\"")]
    [InlineData("\"unterminated")]
    [InlineData("\"é unterminated")]
    [InlineData("'single'")]
    [InlineData("plain")]
    public void Bad_escapes_control_characters_and_broken_strings_are_not_taken(string json)
    {
        var cursor = new FastJsonCursor(Encoding.UTF8.GetBytes(json));
        Assert.False(cursor.TryReadString(out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x22, 0xC3, 0x22 })] // truncated two-byte sequence
    [InlineData(new byte[] { 0x22, 0xFF, 0x22 })] // never valid
    [InlineData(new byte[] { 0x22, 0xC0, 0xAF, 0x22 })] // overlong '/'
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 })] // a UTF-16 surrogate
    [InlineData(new byte[] { 0x22, 0x61, 0x80, 0x22 })] // lone continuation byte
    public void Invalid_UTF8_is_not_taken(byte[] json)
    {
        var cursor = new FastJsonCursor(json);
        Assert.False(cursor.TryReadString(out _));
        var property = new FastJsonCursor(json.Concat(":1"u8.ToArray()).ToArray());
        Assert.False(property.TryPropertyName(out _));
    }

    [Theory]
    [InlineData("\"2024-02-29\"", 2024, 2, 29)]
    [InlineData("\"0001-01-01\"", 1, 1, 1)]
    [InlineData("\"9999-12-31\"", 9999, 12, 31)]
    public void Plain_ISO_dates_are_taken(string json, int year, int month, int day)
    {
        var cursor = new FastJsonCursor(Encoding.UTF8.GetBytes(json));
        Assert.True(cursor.TryReadLocalDate(out var date));
        Assert.Equal(new LocalDate(year, month, day), date);
    }

    [Theory]
    [InlineData("\"2023-02-29\"")]
    [InlineData("\"2024-13-01\"")]
    [InlineData("\"0000-01-01\"")]
    [InlineData("\"2024-1-01\"")]
    [InlineData("\"2024-01-01T00:00\"")]
    [InlineData("\"2024\\u002d01-01\"")]
    [InlineData("20240101")]
    public void Other_dates_are_not_taken(string json)
    {
        var cursor = new FastJsonCursor(Encoding.UTF8.GetBytes(json));
        Assert.False(cursor.TryReadLocalDate(out _));
    }

    [Theory]
    [InlineData("true", true, true)]
    [InlineData("false", true, false)]
    [InlineData(" true", true, true)]
    [InlineData("tru", false, false)]
    [InlineData("True", false, false)]
    [InlineData("fals", false, false)]
    [InlineData("null", false, false)]
    [InlineData("1", false, false)]
    public void Booleans_are_the_two_literals(string json, bool taken, bool expected)
    {
        var cursor = new FastJsonCursor(Encoding.UTF8.GetBytes(json));
        Assert.Equal(taken, cursor.TryReadBoolean(out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void A_property_name_needs_its_colon()
    {
        var named = new FastJsonCursor("{ \"sent\" : 5 }"u8);
        Assert.True(named.TryStartObject());
        Assert.True(named.TryPropertyName(out var name));
        Assert.Equal("sent", Encoding.UTF8.GetString(name));
        Assert.Equal("sent", named.Text(name));
        Assert.True(named.TryReadInt64(out var sent));
        Assert.Equal(5, sent);
        Assert.True(named.TryEndObject());
        Assert.True(named.IsAtEnd());

        var colonless = new FastJsonCursor("{\"sent\" 5}"u8);
        Assert.True(colonless.TryStartObject());
        Assert.False(colonless.TryPropertyName(out _));
    }

    [Fact]
    public void Nesting_deeper_than_the_readers_limit_is_not_taken()
    {
        var deepest = new string('[', JsonReadHelpers.MaxDepth) + new string(']', JsonReadHelpers.MaxDepth);
        var cursor = new FastJsonCursor(Encoding.UTF8.GetBytes(deepest));
        for (var i = 0; i < JsonReadHelpers.MaxDepth; i++)
        {
            Assert.True(cursor.TryStartArray());
        }

        for (var i = 0; i < JsonReadHelpers.MaxDepth; i++)
        {
            Assert.True(cursor.TryEndArray());
        }

        Assert.True(cursor.IsAtEnd());

        var tooDeep = new FastJsonCursor(Encoding.UTF8.GetBytes("[" + deepest + "]"));
        for (var i = 0; i < JsonReadHelpers.MaxDepth; i++)
        {
            Assert.True(tooDeep.TryStartArray());
        }

        Assert.False(tooDeep.TryStartArray());
    }

    [Fact]
    public void An_unclosed_value_is_not_at_the_end()
    {
        var cursor = new FastJsonCursor("[1"u8);
        Assert.True(cursor.TryStartArray());
        Assert.True(cursor.TryReadInt64(out _));
        Assert.False(cursor.IsAtEnd());
        Assert.False(cursor.TryEndArray());
    }

    /// <summary>Reads <paramref name="json"/> as an array of counts the way generated code reads a list.</summary>
    private static bool ReadsAsArrayOfCounts(string json)
    {
        var cursor = new FastJsonCursor(Encoding.UTF8.GetBytes(json));
        if (!cursor.TryStartArray())
        {
            return false;
        }

        if (!cursor.TryEndArray())
        {
            do
            {
                if (!cursor.TryReadInt64(out _))
                {
                    return false;
                }
            }
            while (cursor.TryComma());

            if (!cursor.TryEndArray())
            {
                return false;
            }
        }

        return cursor.IsAtEnd();
    }
}
