using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Input;
using NodaTime;

namespace CampaignAnalytics.Cli.Commands;

/// <summary>
/// Checks <c>--channel</c>, <c>--rate</c> and <c>--variation</c> against the catalogue (never a list written by hand) and
/// against what the input holds, with one-line errors that list the valid values and suggest the closest one.
/// </summary>
internal static class InputChoices
{
    /// <summary>Every channel key of the catalogue, in schema order.</summary>
    public static IEnumerable<string> ChannelKeys(ChannelCatalogue catalogue) => catalogue.Channels.Select(c => c.Key);

    /// <summary>Every rate name of the catalogue's channels, each once, in schema order.</summary>
    public static IEnumerable<string> RateNames(ChannelCatalogue catalogue) =>
        catalogue.Channels.SelectMany(c => c.Rates).Select(r => r.Name).Distinct(StringComparer.Ordinal);

    /// <summary>The channel of <c>--channel</c> in the catalogue; a user error naming the valid keys (and the closest) when there is none.</summary>
    public static ChannelDescriptor CatalogueChannel(ChannelCatalogue catalogue, string value)
    {
        var key = value.Trim();
        return catalogue.FindChannel(key)
            ?? catalogue.Channels.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase))
            ?? throw new UserErrorException(
                $"--channel: unknown channel '{Lines.Excerpt(value)}'{Suggest.DidYouMean(key, ChannelKeys(catalogue))}; valid channels: {string.Join(", ", ChannelKeys(catalogue))}.");
    }

    /// <summary>
    /// <paramref name="channel"/> when the inputs hold variations of it; else a user error that names the channels they do
    /// hold and suggests the closest (<c>in_app_message</c> when only <c>trigger_in_app_message</c> is present).
    /// </summary>
    public static ChannelDescriptor RequirePresent(ChannelDescriptor channel, InputContents inputs)
    {
        var present = inputs.PresentChannels;
        if (present.Contains(channel))
        {
            return channel;
        }

        var keys = present.Select(c => c.Key).ToList();
        var which = inputs.Count == 1 ? $"campaign '{Lines.Excerpt(inputs.FirstCampaignId ?? string.Empty)}'" : "the input";
        var days = inputs.AnyDays ? "in the days given" : "in the days given, which hold no data" + CoveredText(inputs.Covered);
        var listed = keys.Count > 0 ? $"; channels it holds: {string.Join(", ", keys)}" : string.Empty;
        throw new UserErrorException($"--channel: {which} has no '{channel.Key}' variations {days}{Suggest.DidYouMean(channel.Key, keys)}{listed}.");
    }

    /// <summary>
    /// The rates of <c>--rate</c>, by their schema names: each must be a rate of the catalogue and of at least one of
    /// <paramref name="channels"/> (those chosen, else those the input holds).
    /// </summary>
    public static IReadOnlyList<string> Rates(ChannelCatalogue catalogue, IReadOnlyList<string> values, IReadOnlyList<ChannelDescriptor> channels, bool channelsChosen)
    {
        var result = new List<string>();
        foreach (var value in values)
        {
            var name = value.Trim();
            var declared = catalogue.Channels.Select(c => c.FindRate(name)).FirstOrDefault(r => r is not null)?.Name;
            if (declared is null)
            {
                throw new UserErrorException(
                    $"--rate: unknown rate '{Lines.Excerpt(value)}'{Suggest.DidYouMean(name, RateNames(catalogue))}; valid rates: {string.Join(", ", RateNames(catalogue))}.");
            }

            if (!channels.Any(c => c.FindRate(declared) is not null))
            {
                var theirs = channels.SelectMany(c => c.Rates).Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList();
                var owners = catalogue.Channels.Where(c => c.FindRate(declared) is not null).Select(c => c.Key);
                var whose = channelsChosen ? $"channel{(channels.Count == 1 ? string.Empty : "s")} {string.Join(", ", channels.Select(c => c.Key))}" : "the channels in the input";
                throw new UserErrorException(
                    $"--rate: {declared} is a rate of {string.Join(", ", owners)}, not of {whose}; their rates: {string.Join(", ", theirs)}.");
            }

            if (!result.Contains(declared, StringComparer.Ordinal))
            {
                result.Add(declared);
            }
        }

        return result;
    }

    /// <summary>
    /// The variations of <c>--variation</c> (API id or name, case-insensitive): each must name a variation of
    /// <paramref name="channels"/> in the inputs; a user error listing theirs otherwise.
    /// </summary>
    public static IReadOnlyList<string> Variations(IReadOnlyList<string> values, IReadOnlyList<ChannelDescriptor> channels, bool channelsChosen, InputContents inputs)
    {
        var seen = channels.SelectMany(inputs.VariationsOf).Distinct().ToList();

        var result = new List<string>();
        foreach (var value in values)
        {
            var wanted = value.Trim();
            if (!seen.Any(v => Catalogue.Variations.Matches(v.Id, v.Name, wanted)))
            {
                var names = seen.Select(v => v.Name ?? v.Id ?? string.Empty).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
                var listed = string.Join(", ", names.Take(12).Select(n => Lines.Excerpt(n, 40))) + (names.Count > 12 ? ", …" : string.Empty);
                var where = !channelsChosen ? "the input" : channels.Count == 1 ? $"channel {channels[0].Key}" : $"channels {string.Join(", ", channels.Select(c => c.Key))}";
                throw new UserErrorException(
                    $"--variation: no variation '{Lines.Excerpt(value)}' in {where}{Suggest.DidYouMean(wanted, names)}; variations: {listed}.");
            }

            result.Add(wanted);
        }

        return result;
    }

    /// <summary>
    /// One note (without the <c>note: </c> prefix) per campaign that holds days but none inside <c>--from</c>/<c>--to</c>:
    /// an empty table must never look like a campaign without data.
    /// </summary>
    public static IEnumerable<string> WindowNotes(IReadOnlyList<CampaignInput> inputs, (LocalDate? From, LocalDate? To) window)
    {
        if (window.From is null && window.To is null)
        {
            yield break;
        }

        foreach (var input in inputs)
        {
            if (input.Days.Count == 0 && input.Covered is { } covered)
            {
                yield return $"campaign {Lines.Excerpt(input.CampaignId)} has no data {WindowText(window)}: its data covers {Dates.Format(covered.Start)}..{Dates.Format(covered.End)}.";
            }
        }
    }

    /// <summary>The window in words: "from 2025-07-01 to 2025-07-31", "from 2025-07-01 on", "up to 2025-02-01".</summary>
    public static string WindowText((LocalDate? From, LocalDate? To) window) => window switch
    {
        ({ } f, { } t) => $"from {Dates.Format(f)} to {Dates.Format(t)}",
        ({ } f, null) => $"from {Dates.Format(f)} on",
        (null, { } t) => $"up to {Dates.Format(t)}",
        _ => "in the days given",
    };

    private static string CoveredText(DateInterval? covered) =>
        covered is null ? string.Empty : $" (the input covers {Dates.Format(covered.Start)}..{Dates.Format(covered.End)})";
}
