using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CampaignAnalytics.Models;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Tests.Models;

/// <summary>
/// Deterministic mutation fuzzing over real-shaped payloads: whatever the bytes, the reader either
/// succeeds (and the result round-trips) or throws <see cref="CampaignJsonException"/> — never anything else.
/// </summary>
public partial class FuzzTests
{
    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|true|false|null|[{}\\[\\]:,]")]
    private static partial Regex TokenPattern();

    public static IEnumerable<object[]> Seeds() => new[]
    {
        new object[] { "multichannel-real.json", 1 },
        new object[] { "multivariate-iam.json", 2 },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void No_exception_other_than_CampaignJsonException_ever_escapes(string payload, int seed)
    {
        var original = TestPaths.PayloadBytes(payload);
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 1500; i++)
        {
            var (kind, input) = Mutate(original, random);
            try
            {
                var model = CampaignDataSeriesResponse.Parse(input);
                Assert.Equal(model, CampaignDataSeriesResponse.Parse(model.ToJson()));
                outcomes[kind + ":ok"] = outcomes.GetValueOrDefault(kind + ":ok") + 1;
            }
            catch (CampaignJsonException e)
            {
                Assert.StartsWith("$", e.JsonPath, StringComparison.Ordinal);
                Assert.InRange(e.ByteOffset, 0, input.Length);
                Assert.Contains(e.Problem, e.Message, StringComparison.Ordinal);
                outcomes[kind + ":error"] = outcomes.GetValueOrDefault(kind + ":error") + 1;
            }
            catch (Exception e)
            {
                Assert.Fail($"Mutation {i} ({kind}) let {e.GetType().Name} escape: {e.Message}\nInput: {Encoding.UTF8.GetString(input)}");
            }
        }

        // Every mutation kind ran, and both outcomes occurred.
        Assert.Equal(7, outcomes.Keys.Select(k => k.Split(':')[0]).Distinct().Count());
        Assert.Contains(outcomes.Keys, k => k.EndsWith(":ok", StringComparison.Ordinal));
    }

    [GeneratedRegex("\"(sent|delivered|unique_clicks|unique_opens|conversions|unique_recipients|enrolled|impressions|clicks)\": ?(\\d+)")]
    private static partial Regex CountPattern();

    [GeneratedRegex("\\{[^{}\\[\\]]*\"variation_(?:api_id|name)\"[^{}\\[\\]]*\\}")]
    private static partial Regex ElementPattern();

    [GeneratedRegex("\"time\": ?\"[^\"]*\"")]
    private static partial Regex DatePattern();

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Input_that_cannot_be_right_is_refused_never_read_as_numbers(string payload, int seed)
    {
        var text = Encoding.UTF8.GetString(TestPaths.PayloadBytes(payload));
        var random = new Random(seed);
        var catalogue = CampaignDataSeriesCatalogue.Instance;
        var refused = new Dictionary<string, int>();
        for (var i = 0; i < 300; i++)
        {
            static string At(string text, Match m, string replacement) => text[..m.Index] + replacement + text[(m.Index + m.Length)..];
            var counts = CountPattern().Matches(text);
            var count = counts[random.Next(counts.Count)];
            var value = (i % 6) switch
            {
                0 => "-" + random.Next(1, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                1 => new[] { "-0", "-0.0", "-0e3" }[random.Next(3)],
                _ => new[] { "1e-400", "5e-1", count.Groups[2].Value + ".5", count.Groups[2].Value + "1e-1" }[random.Next(4)],
            };
            var (kind, mutated) = (i % 6) switch
            {
                0 => ("negative", At(text, count, "\"" + count.Groups[1].Value + "\": " + value)),
                1 => ("negative-zero", At(text, count, "\"" + count.Groups[1].Value + "\": " + value)),
                2 => ("fraction", At(text, count, "\"" + count.Groups[1].Value + "\": " + value)),
                3 => ("bad-date", At(text, DatePattern().Matches(text)[random.Next(DatePattern().Matches(text).Count)], "\"time\": \"" + new[] { "2026-10-01\\u0000garbage", "0000-03-01", "-2025-03-01", "2025-02-29", "20250301" }[random.Next(5)] + "\"")),
                4 => ("repeated-variation", RepeatElement(text, random)),
                _ => ("error-envelope", text.Replace("\"success\"", new[] { "\"error\"", "\"Invalid campaign_id\"", "\"Success\"" }[random.Next(3)], StringComparison.Ordinal)),
            };

            try
            {
                var response = CampaignDataSeriesResponse.Parse(mutated);
                if (i % 6 < 3 && response.Data!.Any(d => d.Messages?.UnknownChannels.Any(u => u.Json.Contains(value, StringComparison.Ordinal)) == true))
                {
                    continue; // the count is in a channel the schema does not know: kept raw, read by nobody
                }

                if (i % 6 == 4 && response.Data!.Any(d => d.Messages?.UnknownChannels.Any(u => HasRepeat(u.Json)) == true))
                {
                    continue; // the repeated element is in a channel the schema does not know
                }

                var e = Record.Exception(() => CampaignAnalytics.Frames.CampaignDataSet.Create(catalogue, "fuzz", response));
                Assert.True(e is CampaignAnalytics.Catalogue.CampaignDataException, kind + " accepted: " + (e?.ToString() ?? mutated[..Math.Min(300, mutated.Length)]));
            }
            catch (CampaignJsonException e)
            {
                Assert.True(kind is not ("repeated-variation" or "error-envelope"), kind + ": " + e.Message);
                Assert.True(e.Message.Length < 300, e.Message);
            }

            refused[kind] = refused.GetValueOrDefault(kind) + 1;
        }

        Assert.Equal(6, refused.Count);
    }

    private static bool HasRepeat(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var items = doc.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
        return items.Count != items.Distinct(StringComparer.Ordinal).Count();
    }

    private static string RepeatElement(string text, Random random)
    {
        var elements = ElementPattern().Matches(text);
        var m = elements[random.Next(elements.Count)];
        return text[..(m.Index + m.Length)] + "," + m.Value + text[(m.Index + m.Length)..];
    }

    internal static (string Kind, byte[] Input) Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        var text = Encoding.UTF8.GetString(original);
        var tokens = TokenPattern().Matches(text).ToArray();
        switch (random.Next(7))
        {
            case 0:
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    var at = random.Next(bytes.Length);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                }

                return ("bitflip", bytes);
            case 1:
                return ("truncate", bytes.AsSpan(0, random.Next(bytes.Length)).ToArray());
            case 2:
                {
                    var a = tokens[random.Next(tokens.Length)];
                    var b = tokens[random.Next(tokens.Length)];
                    if (a.Index > b.Index)
                    {
                        (a, b) = (b, a);
                    }

                    if (a.Index + a.Length > b.Index)
                    {
                        return ("swap", bytes);
                    }

                    var swapped = text[..a.Index] + b.Value + text[(a.Index + a.Length)..b.Index] + a.Value + text[(b.Index + b.Length)..];
                    return ("swap", Encoding.UTF8.GetBytes(swapped));
                }

            case 3:
                {
                    var numbers = tokens.Where(t => t.Value.Length > 0 && (char.IsDigit(t.Value[0]) || t.Value[0] == '-')).ToArray();
                    var t = numbers[random.Next(numbers.Length)];
                    var huge = random.Next(5) switch
                    {
                        0 => "99999999999999999999999999999",
                        1 => "1e400",
                        2 => "-9223372036854775809",
                        3 => "9223372036854775807",
                        _ => "0." + new string('1', 400),
                    };
                    return ("hugenumber", Encoding.UTF8.GetBytes(text[..t.Index] + huge + text[(t.Index + t.Length)..]));
                }

            case 4:
                {
                    var strings = tokens.Where(t => t.Value.StartsWith('"')).ToArray();
                    var t = strings[random.Next(strings.Length)];
                    var longString = "\"" + new string('x', random.Next(1000, 200_000)) + "\"";
                    return ("longstring", Encoding.UTF8.GetBytes(text[..t.Index] + longString + text[(t.Index + t.Length)..]));
                }

            case 5:
                {
                    var t = tokens[random.Next(tokens.Length)];
                    var depth = random.Next(10, 5000);
                    var nested = new string('[', depth) + new string(']', random.Next(2) == 0 ? depth : depth / 2);
                    return ("nesting", Encoding.UTF8.GetBytes(text[..t.Index] + nested + text[(t.Index + t.Length)..]));
                }

            default:
                {
                    var t = tokens[random.Next(tokens.Length)];
                    var replacement = new[] { "null", "true", "{}", "[]", "\"\"", "-0", "\"\\ud800\"", "\"\\u0000\"" }[random.Next(8)];
                    return ("replace", Encoding.UTF8.GetBytes(text[..t.Index] + replacement + text[(t.Index + t.Length)..]));
                }
        }
    }
}
