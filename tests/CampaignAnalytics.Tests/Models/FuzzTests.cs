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

    private static (string Kind, byte[] Input) Mutate(byte[] original, Random random)
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
