using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Store;

namespace CampaignAnalytics.Cli.Input;

/// <summary>Which stored campaigns <c>--campaign NAME_OR_ID</c> (repeatable) or <c>--all</c> mean.</summary>
internal static class StoreCampaigns
{
    /// <summary>The most candidates an ambiguous name lists.</summary>
    private const int MaxCandidates = 5;

    /// <summary>
    /// The campaign ids to read: with <paramref name="all"/>, every campaign with stored days; else each requested value
    /// as an id when the store knows that id, else as the name of exactly one stored campaign (ignoring case and
    /// surrounding spaces). A name of several campaigns is a user error listing them; an unknown value is kept as it is
    /// (the caller says no days are stored for it).
    /// </summary>
    public static IReadOnlyList<string> Resolve(CampaignStore store, string storePath, IReadOnlyList<string> requested, bool all)
    {
        if (all)
        {
            if (requested.Count > 0)
            {
                throw new UserErrorException("give either --campaign NAME_OR_ID or --all, not both.");
            }

            var ids = store.ListCampaigns();
            return ids.Count > 0 ? ids : throw new UserErrorException($"--store {storePath}: no campaign has stored days (fetch --all --store fills it).");
        }

        var known = store.ListStoredCampaigns();
        var resolved = new List<string>();
        foreach (var value in requested)
        {
            if (known.Any(c => string.Equals(c.CampaignId, value, StringComparison.Ordinal)))
            {
                resolved.Add(value);
                continue;
            }

            var named = known.Where(c => c.Name is not null && string.Equals(c.Name.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count > 1)
            {
                var list = string.Join(", ", named.Take(MaxCandidates).Select(c => $"{c.CampaignId} ({c.Name})"))
                    + (named.Count > MaxCandidates ? $" and {named.Count - MaxCandidates} more" : string.Empty);
                throw new UserErrorException($"--campaign '{Lines.One(value)}' names {named.Count} stored campaigns: {list}; give the id of the one you mean.");
            }

            resolved.Add(named.Count == 1 ? named[0].CampaignId : value);
        }

        return resolved;
    }
}
