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
    /// What <paramref name="work"/> makes of each campaign of these inputs, in order of first appearance (files, then store
    /// campaigns): each campaign is read and worked on off the caller's thread, up to <paramref name="inFlight"/> campaigns at
    /// once (in parallel) while the caller takes the results in order. <paramref name="work"/> must not depend on other
    /// campaigns: it may run for several at the same time.
    /// </summary>
    public static IEnumerable<T> Each<T>(
        IReadOnlyList<string> files,
        string? campaignIdOverride,
        string? storePath,
        IReadOnlyList<string> storeCampaigns,
        (LocalDate? From, LocalDate? To) window,
        ChannelCatalogue catalogue,
        bool allStored,
        Func<CampaignInput, T> work,
        int inFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
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
            return InputLoader.Load(files, campaignIdOverride, storePath, storeCampaigns, window, catalogue, allStored).Select(work);
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
            return InputLoader.Load(Array.Empty<string>(), null, storePath, storeCampaigns, window, catalogue).Select(work);
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

        return Read(groups, campaignIdOverride, storePath, window, catalogue, work, inFlight);
    }

    /// <summary>
    /// Reads the campaigns in order, the next ones on other threads (up to <paramref name="inFlight"/> at once) while the
    /// caller takes this one (parsing overlaps the output; at most <paramref name="inFlight"/> + 1 campaigns are in memory).
    /// A campaign that cannot be read fails when its turn comes, after the campaigns before it were handed out, as if it
    /// were read then.
    /// </summary>
    private static IEnumerable<T> Read<T>(
        List<(string Id, List<string> Files, bool Stored)> groups,
        string? campaignIdOverride,
        string? storePath,
        (LocalDate? From, LocalDate? To) window,
        ChannelCatalogue catalogue,
        Func<CampaignInput, T> work,
        int inFlight)
    {
        IReadOnlyList<T> Load(int index)
        {
            var (id, files, stored) = groups[index];
            var inputs = InputLoader.Load(files, campaignIdOverride, stored ? storePath : null, stored ? new[] { id } : Array.Empty<string>(), window, catalogue);
            var results = new T[inputs.Count];
            for (var i = 0; i < inputs.Count; i++)
            {
                results[i] = work(inputs[i]);
            }

            return results;
        }

        var pending = new Queue<Task<IReadOnlyList<T>>>();
        var started = 0;
        void TopUp()
        {
            while (started < groups.Count && pending.Count < inFlight)
            {
                var index = started++;
                pending.Enqueue(Task.Run(() => Load(index)));
            }
        }

        try
        {
            for (var i = 0; i < groups.Count; i++)
            {
                // The first is read here; later ones were started while the caller took the ones before.
                var one = pending.Count == 0 ? Load(started++) : pending.Dequeue().GetAwaiter().GetResult();
                TopUp();
                foreach (var result in one)
                {
                    yield return result;
                }
            }
        }
        finally
        {
            // A caller that stops early (or fails) leaves no read running behind it; those reads' own failures are moot.
            foreach (var next in pending)
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
