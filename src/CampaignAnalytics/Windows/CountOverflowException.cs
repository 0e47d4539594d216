using CampaignAnalytics.Invariant;
using System;
using System.Collections.Generic;
using System.Globalization;
using NodaTime;

namespace CampaignAnalytics.Windows;

/// <summary>
/// A sum of counts (e.g. the sends of one variation over a month) exceeds <see cref="long.MaxValue"/>. No campaign
/// counts that much, so the input is wrong; sums of counts are exact integers and never fall back to floating point.
/// </summary>
/// <remarks>
/// The message names what is known, e.g. <c>email / Variant A: the sum of 'sent' over 2026-10-01..2026-10-31 exceeds
/// 9223372036854775807; the input cannot be right</c>.
/// </remarks>
public sealed class CountOverflowException : OverflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="channel">The channel key, e.g. <c>email</c>; null when not known or channels are pooled.</param>
    /// <param name="variation">The variation's name (else its API id or key); null when not known or variations are pooled.</param>
    /// <param name="metric">The metric summed, e.g. <c>sent</c>; null when not known.</param>
    /// <param name="period">The days summed (those summed when the limit was passed); null when not known.</param>
    public CountOverflowException(string? channel, string? variation, string? metric, DateInterval? period)
        : base(Describe(channel, variation, metric, period))
    {
        Channel = channel;
        Variation = variation;
        Metric = metric;
        Period = period;
    }

    /// <summary>The channel key; null when not known or channels are pooled.</summary>
    public string? Channel { get; }

    /// <summary>The variation's name (else its API id or key); null when not known or variations are pooled.</summary>
    public string? Variation { get; }

    /// <summary>The metric summed; null when not known.</summary>
    public string? Metric { get; }

    /// <summary>The days summed; null when not known.</summary>
    public DateInterval? Period { get; }

    /// <summary><paramref name="sum"/> + <paramref name="value"/>; false when that leaves the range of <see cref="long"/>.</summary>
    internal static bool TryAdd(long sum, long value, out long result)
    {
        result = unchecked(sum + value);
        return ((sum ^ result) & (value ^ result)) >= 0;
    }

    private static string Describe(string? channel, string? variation, string? metric, DateInterval? period)
    {
        var subject = new List<string>(2);
        if (channel is not null)
        {
            subject.Add(channel);
        }

        if (variation is not null)
        {
            subject.Add(variation);
        }

        var what = metric is null ? "a sum of counts" : "the sum of '" + metric + "'";
        var over = period is null ? string.Empty : " over " + InvariantText.Iso(period);
        var text = string.Create(CultureInfo.InvariantCulture, $"{what}{over} exceeds {long.MaxValue}; the input cannot be right");
        return subject.Count == 0 ? char.ToUpperInvariant(text[0]) + text[1..] : string.Join(" / ", subject) + ": " + text;
    }
}
