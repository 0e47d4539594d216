using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Catalogue;
using NodaTime;

namespace CampaignAnalytics.Cli.Input;

/// <summary>
/// What the inputs hold that <c>--channel</c>, <c>--rate</c> and <c>--variation</c> are checked against, gathered one
/// campaign at a time: how many campaigns, whether any day is in the window, the days they cover, and each channel's
/// variations in order of first appearance. It keeps no day, so a filter can be checked on a stream of campaigns.
/// </summary>
internal sealed class InputContents
{
    private readonly ChannelCatalogue _catalogue;
    private readonly List<(string? Id, string? Name)>[] _variations;
    private readonly HashSet<(string? Id, string? Name)>[] _seen;

    /// <summary>Nothing yet; <see cref="Add"/> each campaign.</summary>
    public InputContents(ChannelCatalogue catalogue)
    {
        _catalogue = catalogue;
        _variations = catalogue.Channels.Select(_ => new List<(string?, string?)>()).ToArray();
        _seen = catalogue.Channels.Select(_ => new HashSet<(string?, string?)>()).ToArray();
    }

    /// <summary>The catalogue the campaigns were read with.</summary>
    public ChannelCatalogue Catalogue => _catalogue;

    /// <summary>How many campaigns were added.</summary>
    public int Count { get; private set; }

    /// <summary>The first campaign's id, for messages about a single campaign; null before one is added.</summary>
    public string? FirstCampaignId { get; private set; }

    /// <summary>Whether any campaign has a day (in the window).</summary>
    public bool AnyDays { get; private set; }

    /// <summary>The first to the last day any campaign holds before the window; null when none does.</summary>
    public DateInterval? Covered { get; private set; }

    /// <summary>What <paramref name="inputs"/> hold.</summary>
    public static InputContents Of(ChannelCatalogue catalogue, IEnumerable<CampaignInput> inputs)
    {
        var contents = new InputContents(catalogue);
        foreach (var input in inputs)
        {
            contents.Add(input);
        }

        return contents;
    }

    /// <summary>Adds one campaign (its days are not kept).</summary>
    public void Add(CampaignInput input)
    {
        Count++;
        FirstCampaignId ??= input.CampaignId;
        AnyDays |= input.Days.Count > 0;
        if (input.Covered is { } c)
        {
            Covered = Covered is not { } all ? c : new DateInterval(LocalDate.Min(all.Start, c.Start), LocalDate.Max(all.End, c.End));
        }

        for (var i = 0; i < _catalogue.Channels.Count; i++)
        {
            var channel = _catalogue.Channels[i];
            foreach (var day in input.Days)
            {
                foreach (var v in channel.GetVariations(day))
                {
                    if (_seen[i].Add((v.VariationApiId, v.VariationName)))
                    {
                        _variations[i].Add((v.VariationApiId, v.VariationName));
                    }
                }
            }
        }
    }

    /// <summary>The channels with at least one variation on a day, in catalogue order.</summary>
    public IReadOnlyList<ChannelDescriptor> PresentChannels => _catalogue.Channels.Where((_, i) => _variations[i].Count > 0).ToList();

    /// <summary>The variations (API id, name) of <paramref name="channel"/>, in order of first appearance.</summary>
    public IReadOnlyList<(string? Id, string? Name)> VariationsOf(ChannelDescriptor channel)
    {
        for (var i = 0; i < _catalogue.Channels.Count; i++)
        {
            if (_catalogue.Channels[i].Key == channel.Key)
            {
                return _variations[i];
            }
        }

        return Array.Empty<(string?, string?)>();
    }
}
