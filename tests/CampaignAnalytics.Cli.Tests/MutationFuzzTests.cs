using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// Deterministic mutation fuzzing of what a user runs: a realistic payload, mutated structurally and semantically
/// (impossible counts, repeated variations, bad dates, error envelopes, long strings), through <c>report</c>,
/// <c>compare</c> and <c>export</c>. Every outcome is exit 0 (stderr holds only <c>note:</c> lines) or one short
/// user-error line (exit 2): never an internal error, a stack trace or a quoted payload.
/// </summary>
public sealed partial class MutationFuzzTests : IDisposable
{
    private const int Mutations = 36;
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|true|false|null|[{}\\[\\]:,]")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("\"(sent|delivered|unique_clicks|unique_opens|conversions|unique_recipients|enrolled|impressions)\": ?(\\d+)")]
    private static partial Regex CountPattern();

    [GeneratedRegex("\"time\": ?\"[^\"]*\"")]
    private static partial Regex DatePattern();

    [GeneratedRegex("\\{[^{}\\[\\]]*\"variation_api_id\"[^{}\\[\\]]*\\}")]
    private static partial Regex ElementPattern();

    [Fact]
    public async Task Every_mutation_ends_in_output_or_one_short_line_for_every_command()
    {
        var original = File.ReadAllText(CliRunner.Data("welcome-series.json"));
        var random = new Random(11);
        var kinds = new Dictionary<string, int>();
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Mutations; i++)
        {
            var (kind, text) = Mutate(original, random, i);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            var file = Path.Combine(_dir, "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json");
            await File.WriteAllTextAsync(file, text);
            foreach (var args in new[]
            {
                new[] { "report", file, "--format", "csv", "--by", "week" },
                new[] { "compare", file, "--channel", "email", "--format", "csv" },
                new[] { "export", file, "--layout", "long", "--format", "csv", "--out", Path.Combine(_dir, "out.csv") },
            })
            {
                var result = await CliRunner.RunAsync(args);
                var lines = result.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var context = $"mutation {i} ({kind}), {args[0]}: {result.ToString()[..Math.Min(600, result.ToString().Length)]}";
                Assert.DoesNotContain("internal error", result.Stderr, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
                Assert.All(lines, l => Assert.True(l.Length < 400, context));
                switch (result.ExitCode)
                {
                    case 0:
                        // Notes, and export's summary of what it wrote.
                        Assert.All(lines, l => Assert.True(l.StartsWith("note: ", StringComparison.Ordinal) || l.StartsWith("Wrote ", StringComparison.Ordinal), context));
                        break;
                    case 2:
                        var error = Assert.Single(lines, l => !l.StartsWith("note: ", StringComparison.Ordinal));
                        Assert.StartsWith("campaign-analytics: ", error, StringComparison.Ordinal);
                        break;
                    default:
                        Assert.Fail("unexpected exit code: " + context);
                        break;
                }

                var outcome = kind + ":" + result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }

        // Every semantic class was tried and refused; structural mutations reached both outcomes.
        foreach (var refused in new[] { "negative", "negative-zero", "tiny-exponent", "repeated-variation", "bad-date", "error-envelope" })
        {
            Assert.True(outcomes.GetValueOrDefault(refused + ":2") > 0, refused + " never refused: " + string.Join(", ", outcomes));
            Assert.True(outcomes.GetValueOrDefault(refused + ":0") == 0, refused + " accepted: " + string.Join(", ", outcomes));
        }

        Assert.Contains(outcomes.Keys, k => k.EndsWith(":0", StringComparison.Ordinal));
    }

    private static (string Kind, string Text) Mutate(string text, Random random, int i)
    {
        static string At(string text, Match m, string replacement) => text[..m.Index] + replacement + text[(m.Index + m.Length)..];
        static Match Pick(MatchCollection matches, Random random) => matches[random.Next(matches.Count)];

        // The semantic classes in turn, then structural mutations.
        switch (i % 9)
        {
            case 0:
                {
                    var m = Pick(CountPattern().Matches(text), random);
                    return ("negative", At(text, m, "\"" + m.Groups[1].Value + "\": -" + (random.Next(1, 500)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

            case 1:
                {
                    var m = Pick(CountPattern().Matches(text), random);
                    return ("negative-zero", At(text, m, "\"" + m.Groups[1].Value + "\": -0"));
                }

            case 2:
                {
                    var m = Pick(CountPattern().Matches(text), random);
                    return ("tiny-exponent", At(text, m, "\"" + m.Groups[1].Value + "\": 1e-400"));
                }

            case 3:
                {
                    var m = Pick(ElementPattern().Matches(text), random);
                    return ("repeated-variation", At(text, m, m.Value + "," + m.Value));
                }

            case 4:
                {
                    var m = Pick(DatePattern().Matches(text), random);
                    var bad = new[] { "2026-10-01\\u0000garbage", "0000-01-01", "-2026-10-01", "2026-02-30", "2026-1-01" }[random.Next(5)];
                    return ("bad-date", At(text, m, "\"time\": \"" + bad + "\""));
                }

            case 5:
                {
                    var envelope = new[]
                    {
                        "{\"message\":\"Invalid campaign_id\"}",
                        text.Replace("\"message\": \"success\"", "\"message\": \"error\"", StringComparison.Ordinal),
                        "{\"message\":\"success\"}",
                    }[random.Next(3)];
                    return ("error-envelope", envelope);
                }

            case 6:
                {
                    var tokens = TokenPattern().Matches(text);
                    var t = Pick(tokens, random);
                    return ("long-string", At(text, t, "\"" + new string('x', random.Next(1000, 200_000)) + (random.Next(2) == 0 ? "\"" : "\":1x")));
                }

            case 7:
                {
                    var bytes = Encoding.UTF8.GetBytes(text);
                    var at = random.Next(bytes.Length);
                    bytes[at] = (byte)"\"\\{}[],:-.e0x"[random.Next(14)];
                    return ("stray-character", Encoding.UTF8.GetString(bytes));
                }

            default:
                {
                    var tokens = TokenPattern().Matches(text);
                    var t = Pick(tokens, random);
                    var replacement = new[] { "null", "true", "{}", "[]", "\"\"", "-0", "99999999999999999999", "1e400", "\"\\ud800\"" }[random.Next(9)];
                    return ("replace", At(text, t, replacement));
                }
        }
    }
}
