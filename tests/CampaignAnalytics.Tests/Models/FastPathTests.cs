using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CampaignAnalytics.Benchmarks;
using CampaignAnalytics.Models;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Tests.Models;

/// <summary>
/// The generated <c>Parse</c> reads plain JSON with its fast path and everything else with the full reader. Whatever
/// the input, the outcome must be the full reader's: the same model (same JSON written back) or the same error.
/// </summary>
public class FastPathTests
{
    public static IEnumerable<object[]> BenchmarkPayloads() => Payloads.Names.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(BenchmarkPayloads))]
    public void The_benchmarked_payloads_take_the_fast_path_and_read_as_the_full_reader_reads_them(string name)
    {
        foreach (var body in Payloads.Get(name).Take(5))
        {
            Assert.True(TakesFastPath(body));
            AssertSameOutcome(body);
        }
    }

    [Fact]
    public void Indented_text_takes_the_fast_path_too()
    {
        var compact = Payloads.Get(Payloads.OneDay)[0];
        var indented = JsonSerializer.SerializeToUtf8Bytes(
            JsonDocument.Parse(compact).RootElement,
            new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.True(indented.Length > compact.Length * 3 / 2);
        Assert.True(TakesFastPath(indented));
        AssertSameOutcome(indented);
        Assert.Equal(CampaignDataSeriesResponse.Parse(compact), CampaignDataSeriesResponse.Parse(indented));
    }

    [Fact]
    public void The_recorded_real_payloads_read_as_the_full_reader_reads_them()
    {
        foreach (var file in new[] { "multichannel-real.json", "multivariate-iam.json" })
        {
            AssertSameOutcome(TestPaths.PayloadBytes(file));
        }
    }

    /// <summary>Edits of a plain one-day payload, each something the fast path leaves to the full reader.</summary>
    public static IEnumerable<object[]> LeftToTheFullReader() => new[]
    {
        new object[] { "unknown field with an escaped name", "\"sent\":", "\"brand\\u005fnew\":1,\"sent\":" },
        new object[] { "unknown field given twice", "\"sent\":", "\"brand_new_metric\":1,\"brand_new_metric\":2,\"sent\":" },
        new object[] { "unknown field with a bad value", "\"sent\":", "\"brand_new_metric\":[1,,2],\"sent\":" },
        new object[] { "escaped name", "\"sent\":", "\"s\\u0065nt\":" },
        new object[] { "escaped text that is not valid", "\"Variant A\"", "\"Variant\\uZZZZA\"" },
        new object[] { "a number where text belongs", "\"Variant A\"", "12" },
        new object[] { "integral decimal count", "\"sent\":", "\"sent\":3.0,\"x_sent\":" },
        new object[] { "exponent count", "\"sent\":", "\"sent\":1e2,\"x_sent\":" },
        new object[] { "negative count", "\"sent\":", "\"sent\":-4,\"x_sent\":" },
        new object[] { "exponent amount", "\"revenue\":", "\"revenue\":1.5e3,\"x_revenue\":" },
        new object[] { "duplicate field", "\"sent\":", "\"sent\":1,\"sent\":" },
        new object[] { "missing required field", "\"message\":\"success\",", "" },
        new object[] { "null count", "\"sent\":", "\"sent\":null,\"x_sent\":" },
        new object[] { "comment", "\"sent\":", "/* c */\"sent\":" },
        new object[] { "trailing comma", "]}", "],}" },
        new object[] { "invalid date", "\"time\":\"", "\"time\":\"2024-02-30\",\"x_time\":\"" },
    };

    [Theory]
    [MemberData(nameof(LeftToTheFullReader))]
    public void What_the_fast_path_does_not_take_is_read_or_refused_exactly_as_the_full_reader_does(string why, string find, string replace)
    {
        var edited = EditedOneDay(find, replace);
        Assert.False(TakesFastPath(edited), why);
        AssertSameOutcome(edited);
    }

    /// <summary>Unknown fields and channels of every JSON shape, placed where the server might add them.</summary>
    public static IEnumerable<object[]> UnknownFields() => new[]
    {
        new object[] { "envelope field after the data", "]}", "],\"request_id\":\"r-1\"}" },
        new object[] { "element field, an object", "\"sent\":", "\"brand_new_metric\":{ \"a\" : [1, 2.5e3, true, null, \"é\"] },\"sent\":" },
        new object[] { "element field, a negative number", "\"sent\":", "\"brand_new_metric\":-12.5E-3,\"sent\":" },
        new object[] { "day field, an empty array", "\"messages\":", "\"new_day_field\":[],\"messages\":" },
        new object[] { "unknown channel", "\"messages\":{", "\"messages\":{\"carrier_pigeon\":[{\"variation_api_id\":\"p\",\"sent\":1}]," },
        new object[] { "escaped text inside the unknown value", "\"sent\":", "\"brand_new_metric\":[\"a\\\"b\"],\"sent\":" },
    };

    [Theory]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    public void An_unknown_value_nested_up_to_the_readers_depth_limit_is_taken_and_one_level_deeper_is_refused_alike(int levels)
    {
        // The envelope is one level; the full reader allows 64 in all, so 63 levels of arrays fit in an envelope field.
        var edited = EditedOneDay("\"message\":", "\"u\":" + new string('[', levels) + new string(']', levels) + ",\"message\":");
        var full = Outcome(() => CampaignDataSeriesResponse.ParseWithReader(edited));
        Assert.Equal(levels <= 63, full.StartsWith("value: ", StringComparison.Ordinal));
        Assert.Equal(levels <= 63, TakesFastPath(edited));
        AssertSameOutcome(edited);
    }

    [Theory]
    [InlineData("\"Variant\\u0020A\"", "Variant A")]
    [InlineData("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("\"caf\\u00e9 \\ud83d\\ude00\"", "café 😀")]
    public void Escaped_text_is_read_by_the_fast_path_as_the_full_reader_reads_it(string json, string expected)
    {
        var edited = EditedOneDay("\"Variant A\"", json);
        Assert.True(TakesFastPath(edited));
        AssertSameOutcome(edited);
        var response = CampaignDataSeriesResponse.Parse(edited);
        Assert.Contains(CampaignDataSeriesCatalogue.Instance.Channels.SelectMany(c => c.GetVariations(response.Data![0])), v => v.VariationName == expected);
    }

    [Theory]
    [MemberData(nameof(UnknownFields))]
    public void Unknown_fields_are_kept_by_the_fast_path_exactly_as_the_full_reader_keeps_them(string why, string find, string replace)
    {
        var edited = EditedOneDay(find, replace);
        Assert.True(TakesFastPath(edited), why);
        AssertSameOutcome(edited);
        var response = CampaignDataSeriesResponse.Parse(edited);
        Assert.Equal(response, CampaignDataSeriesResponse.ParseWithReader(edited));
        var kept = response.UnknownFields.Count
            + response.Data!.Sum(d => d.UnknownFields.Count + d.Messages!.UnknownChannels.Count
                + CampaignDataSeriesCatalogue.Instance.Channels.Sum(c => c.GetVariations(d).Sum(v => v.UnknownFields.Count)));
        Assert.Equal(1, kept);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_edits_of_plain_text_give_the_full_readers_outcome(int seed)
    {
        // Byte-level edits with the characters JSON gives meaning to, aimed at the places the fast path decides:
        // digits, quotes, escapes, signs, exponents, separators, white space, control bytes and broken UTF-8.
        byte[] alphabet = "0123456789-+.eE\"\\,:{}[] \t\n\rntfa\u007F"u8.ToArray().Concat(new byte[] { 0x00, 0x0B, 0x1F, 0xC3, 0xA9, 0xFF, 0x80 }).ToArray();
        var sources = new[] { Payloads.Get(Payloads.OneDay)[0], TestPaths.PayloadBytes("multichannel-real.json") };
        var random = new Random(seed);
        var fastAccepted = 0;
        for (var i = 0; i < 1500; i++)
        {
            var input = (byte[])sources[i % sources.Length].Clone();
            var list = input.ToList();
            for (var edits = random.Next(1, 3); edits > 0; edits--)
            {
                var at = random.Next(list.Count);
                switch (random.Next(3))
                {
                    case 0:
                        list[at] = alphabet[random.Next(alphabet.Length)];
                        break;
                    case 1:
                        list.RemoveAt(at);
                        break;
                    default:
                        list.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                }
            }

            var mutated = list.ToArray();
            if (TakesFastPath(mutated))
            {
                fastAccepted++;
            }

            AssertSameOutcome(mutated);
        }

        // Many edits keep the text plain and valid (a digit for a digit), so both paths were exercised.
        Assert.InRange(fastAccepted, 50, 1400);
    }

    /// <summary>The one-day benchmark payload with the first <paramref name="find"/> replaced.</summary>
    private static byte[] EditedOneDay(string find, string replace)
    {
        var original = Encoding.UTF8.GetString(Payloads.Get(Payloads.OneDay)[0]);
        var at = original.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, find);
        return Encoding.UTF8.GetBytes(original[..at] + replace + original[(at + find.Length)..]);
    }

    private static bool TakesFastPath(byte[] utf8Json)
    {
        var cursor = new FastJsonCursor(utf8Json);
        return CampaignDataSeriesResponse.TryRead(ref cursor, out _) && cursor.IsAtEnd();
    }

    private static void AssertSameOutcome(byte[] utf8Json)
    {
        Assert.Equal(Outcome(() => CampaignDataSeriesResponse.ParseWithReader(utf8Json)), Outcome(() => CampaignDataSeriesResponse.Parse(utf8Json)));
    }

    private static string Outcome(Func<CampaignDataSeriesResponse> parse)
    {
        try
        {
            return "value: " + parse().ToJson();
        }
        catch (CampaignJsonException e)
        {
            return "error: " + e.Message;
        }
    }
}
