using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CampaignAnalytics.Catalogue;
using NodaTime;

namespace CampaignAnalytics.Cli.Input;

/// <summary>
/// The inputs of <see cref="InputLoader.Load"/>, one campaign at a time: the files are grouped by campaign id first
/// (which needs only their names, or <c>--campaign-id</c>), then each campaign is read, checked and handed out before
/// the next is read, so a command that aggregates campaign by campaign holds one campaign's days at a time however many
/// it is given. Each campaign goes through <see cref="InputLoader.Load"/> itself: the same merging, checks and messages.
/// </summary>
internal static class CampaignStream
{
    /// <summary>
    /// The campaigns of these inputs, in order of first appearance (files, then store campaigns), read lazily; with
    /// <paramref name="prepareDataSets"/>, each is also flattened (<see cref="CampaignInput.Prepare"/>) while it is read,
    /// off the caller's thread.
    /// </summary>
    public static IEnumerable<CampaignInput> Each(
        IReadOnlyList<string> files,
        string? campaignIdOverride,
        string? storePath,
        IReadOnlyList<string> storeCampaigns,
        (LocalDate? From, LocalDate? To) window,
        ChannelCatalogue catalogue,
        bool allStored = false,
        bool prepareDataSets = false)
    {
        if (allStored && storePath is not null)
        {
            // --all: the stored campaigns' ids, found before the first is read.
            storeCampaigns = InputLoader.ResolveStored(storePath, storeCampaigns, all: true, catalogue);
        }

        if ((files.Count == 0 && storePath is null)
            || (storePath is null && allStored)
            || (storePath is null) != (storeCampaigns.Count == 0)
            || (campaignIdOverride is not null && string.IsNullOrWhiteSpace(campaignIdOverride)))
        {
            // The loader's own argument checks give the message (it throws before reading anything).
            return InputLoader.Load(files, campaignIdOverride, storePath, storeCampaigns, window, catalogue, allStored);
        }

        var groups = new List<(string Id, List<string> Files, bool Stored)>();
        (string Id, List<string> Files, bool Stored) GroupOf(string id)
        {
            var index = groups.FindIndex(g => g.Id == id);
            if (index < 0)
            {
                groups.Add((id, new List<string>(), false));
                index = groups.Count - 1;
            }

            return groups[index];
        }

        // A missing file or store is found before the first campaign is read (and before a row is written).
        foreach (var file in files)
        {
            InputLoader.CheckFile(file);
        }

        if (storePath is not null && !File.Exists(storePath))
        {
            return InputLoader.Load(Array.Empty<string>(), null, storePath, storeCampaigns, window, catalogue);
        }

        foreach (var file in files)
        {
            GroupOf(campaignIdOverride ?? Path.GetFileNameWithoutExtension(file)).Files.Add(file);
        }

        foreach (var campaign in storeCampaigns.Distinct(StringComparer.Ordinal))
        {
            GroupOf(campaign);
            var index = groups.FindIndex(g => g.Id == campaign);
            groups[index] = groups[index] with { Stored = true };
        }

        return Read(groups, campaignIdOverride, storePath, window, catalogue, prepareDataSets);
    }

    /// <summary>
    /// Reads the campaigns in order, the next one on another thread while the caller aggregates and writes this one
    /// (parsing overlaps the output; at most two campaigns are in memory). A campaign that cannot be read fails when
    /// its turn comes, after the campaigns before it were handed out, as if it were read then.
    /// </summary>
    private static IEnumerable<CampaignInput> Read(
        List<(string Id, List<string> Files, bool Stored)> groups,
        string? campaignIdOverride,
        string? storePath,
        (LocalDate? From, LocalDate? To) window,
        ChannelCatalogue catalogue,
        bool prepareDataSets)
    {
        IReadOnlyList<CampaignInput> Load(int index)
        {
            var (id, files, stored) = groups[index];
            var inputs = InputLoader.Load(files, campaignIdOverride, stored ? storePath : null, stored ? new[] { id } : Array.Empty<string>(), window, catalogue);
            if (prepareDataSets)
            {
                foreach (var input in inputs)
                {
                    input.Prepare(catalogue);
                }
            }

            return inputs;
        }

        Task<IReadOnlyList<CampaignInput>>? next = null;
        try
        {
            for (var i = 0; i < groups.Count; i++)
            {
                var one = next is null ? Load(i) : next.GetAwaiter().GetResult();
                next = null;
                if (i + 1 < groups.Count)
                {
                    var following = i + 1;
                    next = Task.Run(() => Load(following));
                }

                foreach (var input in one)
                {
                    yield return input;
                }
            }
        }
        finally
        {
            // A caller that stops early (or fails) leaves no read running behind it; that read's own failure is moot.
            if (next is not null)
            {
                try
                {
                    next.Wait();
                }
                catch (AggregateException)
                {
                    // Observed here, thrown nowhere: nobody asked for that campaign.
                }
            }
        }
    }
}
