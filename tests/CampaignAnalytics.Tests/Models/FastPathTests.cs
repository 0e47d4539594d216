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
        new object[] { "unknown field", "\"sent\":", "\"brand_new_metric\":{\"a\":[1,2]},\"sent\":" },
        new object[] { "unknown channel", "\"messages\":{", "\"messages\":{\"carrier_pigeon\":[{\"variation_api_id\":\"p\",\"sent\":1}]," },
        new object[] { "escaped name", "\"sent\":", "\"s\\u0065nt\":" },
        new object[] { "escaped text", "\"Variant A\"", "\"Variant\\u0020A\"" },
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
        var original = Encoding.UTF8.GetString(Payloads.Get(Payloads.OneDay)[0]);
        var at = original.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, why);
        var edited = Encoding.UTF8.GetBytes(original[..at] + replace + original[(at + find.Length)..]);
        Assert.False(TakesFastPath(edited), why);
        AssertSameOutcome(edited);
    }

    [Fact]
    public void Unknown_fields_are_kept_when_the_fast_path_gives_way()
    {
        var original = Encoding.UTF8.GetString(Payloads.Get(Payloads.OneDay)[0]);
        var edited = original.Replace("\"message\":\"success\"", "\"message\":\"success\",\"request_id\":\"r-1\"", StringComparison.Ordinal);
        var response = CampaignDataSeriesResponse.Parse(edited);
        Assert.Equal("request_id", Assert.Single(response.UnknownFields).Name);
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

    private static bool TakesFastPath(byte[] utf8Json)
    {
        var cursor = new FastJsonCursor(utf8Json);
        return CampaignDataSeriesResponse.TryReadFast(ref cursor, out _) && cursor.IsAtEnd();
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
