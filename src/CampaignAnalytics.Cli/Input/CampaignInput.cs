using System;
using System.Collections.Generic;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Serialization;
using NodaTime;

namespace CampaignAnalytics.Cli.Input;

/// <summary>One campaign's days, read from one or more response files or from a store, sorted by date, with where they came from.</summary>
/// <param name="Campaign">The campaign id (<c>--campaign-id</c>, else the response file's name without extension, else the
/// store's campaign) and its days, sorted by date, each date once.</param>
/// <param name="Sources">Where the days came from (file paths or <c>store:campaign</c>), for messages.</param>
internal sealed record CampaignInput(CampaignDays<IDailyDataPoint> Campaign, IReadOnlyList<string> Sources)
{
    /// <summary>The campaign id (<see cref="Campaign"/>'s).</summary>
    public string CampaignId => Campaign.CampaignId;

    /// <summary>The days (<see cref="Campaign"/>'s).</summary>
    public IReadOnlyList<IDailyDataPoint> Days => Campaign.Days;

    /// <summary>Fields of the response files' top-level objects that the schema lacks (outside the days).</summary>
    public IReadOnlyList<RawJsonProperty> UnknownResponseFields { get; init; } = Array.Empty<RawJsonProperty>();

    /// <summary>What the store knows of the campaign (name, details: control, conversion events); null for files.</summary>
    public CampaignAnalytics.Store.StoredCampaign? Stored { get; init; }

    /// <summary>The campaign's name when known (from a store filled by <c>fetch --all</c>); null otherwise.</summary>
    public string? Name => Stored?.Name;

    /// <summary>For a Canvas step read as a campaign (id = step id): the step's name, when known; null otherwise.</summary>
    public string? StepName { get; init; }

    /// <summary>How people see the input in headers: its name (campaign's, or step's) and id, or the id alone when it has no name.</summary>
    public string Title => (Name ?? StepName) is { } name ? $"{name} ({CampaignId})" : CampaignId;

    /// <summary>The first to the last day the input holds before <c>--from</c>/<c>--to</c> are applied; null when it holds none.</summary>
    public DateInterval? Covered { get; init; }

    /// <summary>The catalogue whose every channel <see cref="InputLoader"/> checked every day with (no variation twice on a day); null when nobody did.</summary>
    public ChannelCatalogue? VariationsCheckedBy { get; init; }

    /// <summary>
    /// The days flattened with <paramref name="catalogue"/>; a repeated variation is looked for only when the loader did not
    /// already look with that catalogue.
    /// </summary>
    /// <exception cref="CampaignAnalytics.Catalogue.CampaignDataException">A variation appears twice in one channel on one day.</exception>
    public CampaignAnalytics.Frames.CampaignDataSet DataSet(ChannelCatalogue catalogue) =>
        ReferenceEquals(VariationsCheckedBy, catalogue)
            ? CampaignAnalytics.Frames.CampaignDataSet.CreateChecked(catalogue, Campaign)
            : CampaignAnalytics.Frames.CampaignDataSet.Create(catalogue, Campaign);
}
