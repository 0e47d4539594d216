using System;
using System.Collections.Generic;
using System.Linq;

namespace CampaignAnalytics.Cli.Infrastructure;

/// <summary>"Did you mean …": the candidate that most resembles a mistyped value.</summary>
internal static class Suggest
{
    /// <summary>
    /// The candidate closest to <paramref name="value"/>, or null when none is close: equal but for case, underscores,
    /// dashes and spaces; containing it or contained in it (<c>in_app_message</c> and <c>trigger_in_app_message</c>);
    /// else within an edit distance of a third of its length (at least 1). Ties go to the earlier candidate.
    /// </summary>
    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        var wanted = Fold(value);
        if (wanted.Length == 0)
        {
            return null;
        }

        string? best = null;
        var bestScore = int.MaxValue;
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            var folded = Fold(candidate);
            if (folded.Length == 0 || string.Equals(candidate, value, StringComparison.Ordinal))
            {
                continue;
            }

            int score;
            if (folded == wanted)
            {
                score = 0;
            }
            else if (wanted.Length >= 3 && (folded.Contains(wanted, StringComparison.Ordinal) || wanted.Contains(folded, StringComparison.Ordinal)))
            {
                score = 1 + Math.Abs(folded.Length - wanted.Length);
            }
            else
            {
                var distance = Distance(wanted, folded);
                if (distance > Math.Max(1, wanted.Length / 3))
                {
                    continue;
                }

                score = 1 + distance;
            }

            if (score < bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>" (did you mean 'x'?)" for the closest candidate, or the empty string.</summary>
    public static string DidYouMean(string value, IEnumerable<string> candidates) =>
        Closest(value, candidates) is { } match ? $" (did you mean '{match}'?)" : string.Empty;

    private static string Fold(string text) =>
        new string(text.Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant).ToArray());

    /// <summary>
    /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two neighbours
    /// (<c>emial</c> is one edit from <c>email</c>).
    /// </summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(d[i - 1, j - 1] + cost, Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
